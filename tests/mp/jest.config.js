// The real mini-program side: Taro components built as native components rendered by
// miniprogram-simulate (official wcc), and the official wcc/wcsc compiling the production weapp build.
// Needs the builds: `npm run build:weapp && npm run build:native` (`npm test` builds first).
const path = require('path');
const root = path.resolve(__dirname, '..', '..');

module.exports = {
  displayName: 'mp',
  rootDir: root,
  testMatch: ['<rootDir>/tests/mp/**/*.test.ts'],
  testEnvironment: 'jsdom',
  transform: {
    '^.+\\.ts$': ['ts-jest', {
      tsconfig: { module: 'commonjs', moduleResolution: 'node', target: 'es2020', esModuleInterop: true, isolatedModules: true },
      diagnostics: false,
    }],
  },
  // the domain's pure rules (seed boundaries, hot-spot clusters) give the tests their inputs
  moduleNameMapper: { '^@domain/(.*)$': '<rootDir>/src/domain/$1' },
  // The built mini-program code is run as shipped, never transformed.
  transformIgnorePatterns: ['/node_modules/', '/dist/'],
};
