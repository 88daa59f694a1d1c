/**
 * One temporary directory per test run: every data dir, fixture tree and Chromium profile the suites create with
 * os.tmpdir() lands inside it (TMPDIR is inherited by the workers), and it is removed when the run ends.
 */
const fs = require('fs');
const os = require('os');
const path = require('path');

module.exports.setup = async function setup() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yx-test-run-'));
  process.env.YX_TEST_RUN_TMP = dir;
  process.env.TMPDIR = dir;
};

module.exports.teardown = async function teardown() {
  const dir = process.env.YX_TEST_RUN_TMP;
  if (dir && path.basename(dir).startsWith('yx-test-run-')) fs.rmSync(dir, { recursive: true, force: true });
};
