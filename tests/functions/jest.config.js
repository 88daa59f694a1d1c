module.exports = require('../ts-project')('functions', {
  testTimeout: 60000,
  globalSetup: '<rootDir>/tests/functions/global-setup.ts',
});
