#!/usr/bin/env node
/**
 * Fails fast, with the fix, when the machine is not ready for `npm start` / `npm test`:
 *  - better-sqlite3's native module (the embedded cloud's store) must load. It is built by the package's install
 *    script, which package.json's `allowScripts` approves; an install that skipped it leaves no .node file.
 * Exit 0 when ready; exit 1 with a message otherwise. Plain CommonJS so it runs before anything is built.
 */
'use strict';
const path = require('path');

const problems = [];

try {
  const Database = require('better-sqlite3');
  const db = new Database(':memory:');
  db.prepare("select json_extract(?, '$.a') as a").get('{"a":1}');
  db.close();
} catch (err) {
  const where = path.join('node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
  problems.push(
    `The SQLite native module (better-sqlite3) does not load: ${String(err && err.message).split('\n')[0]}\n` +
      `  Its install script builds ${where}; it did not run or failed.\n` +
      '  Fix: `npm rebuild better-sqlite3` (needs python3, make and a C++ compiler: `apt-get install -y build-essential python3`),\n' +
      '  and keep "better-sqlite3": true under "allowScripts" in package.json so `npm ci` builds it.',
  );
}

if (problems.length) {
  console.error(`check-setup: the machine is not ready:\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
if (process.argv.includes('--verbose')) console.log('check-setup: better-sqlite3 native module loads');
