module.exports = require('../ts-project')('functions', {
  testTimeout: 60000,
  globalSetup: '<rootDir>/tests/functions/global-setup.ts',
  // every answer's code must be declared for its action (its entry in the API contract, src/domain/contract)
  setupFilesAfterEnv: ['<rootDir>/tests/functions/declared-codes.setup.ts'],
});
