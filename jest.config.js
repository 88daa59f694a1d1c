/**
 * One jest run, several projects. Each project owns its config under tests/<project>/.
 *   domain     pure rules (ts-jest)
 *   wire       the real wx-server-sdk against local/ (protocol contract, durability)
 *   functions  cloud functions invoked through local/ on the real SDK
 *   app        Taro pages in jsdom (Testing Library)
 *   mp         native components in miniprogram-simulate + wcc/wcsc on the weapp build
 *   e2e        the H5 build in Chromium against local/
 */
const fs = require('fs');
const path = require('path');
const projects = ['domain', 'wire', 'functions', 'app', 'mp', 'e2e']
  .map((name) => path.join(__dirname, 'tests', name, 'jest.config.js'))
  .filter((file) => fs.existsSync(file));
// a temporary directory per run, removed at the end (tests/tmp-dir.js)
module.exports = { projects, testTimeout: 60000, globalSetup: '<rootDir>/tests/tmp-setup.js', globalTeardown: '<rootDir>/tests/tmp-teardown.js' };
