/**
 * Writes the committed street/town boundaries (src/domain/org/boundaries-build.ts) to
 * src/domain/org/seed/boundaries.json. Run after changing seed/territory-source.ts, then commit the output:
 *   npm run gen:boundaries
 * tests/domain/org checks that the committed file equals what this produces.
 */
import fs from 'node:fs';
import path from 'node:path';
import { buildBoundaries } from '../src/domain/org/boundaries-build';

const OUT = path.resolve(__dirname, '../src/domain/org/seed/boundaries.json');
const b = buildBoundaries();
fs.writeFileSync(OUT, '{\n' + Object.keys(b).map((k) => `  ${JSON.stringify(k)}: ${JSON.stringify(b[k])}`).join(',\n') + '\n}\n');
console.log(`wrote ${path.relative(process.cwd(), OUT)} (${Object.keys(b).length} boundaries)`);
