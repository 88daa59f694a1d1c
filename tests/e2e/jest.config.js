// The H5 build (dist/h5) in Debian Chromium (playwright-core) against the embedded cloud (local/).
// Needs `npm run build:h5` and the functions built (`npm run build:functions`); Chromium at
// CHROMIUM_PATH or /usr/bin/chromium (`apt-get install -y chromium`).
const path = require('path');
const root = path.resolve(__dirname, '..', '..');

module.exports = {
  displayName: 'e2e',
  rootDir: root,
  testMatch: ['<rootDir>/tests/e2e/**/*.test.ts'],
  // node, plus a mark when a test or hook fails (failure reports under artifacts/e2e/failures/)
  testEnvironment: '<rootDir>/tests/e2e/environment.js',
  setupFilesAfterEnv: ['<rootDir>/tests/e2e/setup.ts'],
  transform: {
    '^.+\\.tsx?$': ['ts-jest', {
      tsconfig: { module: 'commonjs', moduleResolution: 'node', target: 'es2020', esModuleInterop: true, resolveJsonModule: true, isolatedModules: true },
      diagnostics: false,
    }],
  },
  moduleNameMapper: {
    '^@domain/(.*)$': '<rootDir>/src/domain/$1',
  },
};
