// Shared jest settings for the TypeScript (node) projects: domain, wire, functions.
const path = require('path');
const root = path.resolve(__dirname, '..');
module.exports = function tsProject(name, extra = {}) {
  return {
    displayName: name,
    rootDir: root,
    testMatch: [`<rootDir>/tests/${name}/**/*.test.ts`],
    testEnvironment: 'node',
    transform: {
      '^.+\\.tsx?$': ['ts-jest', {
        tsconfig: { module: 'commonjs', moduleResolution: 'node', target: 'es2020', esModuleInterop: true, resolveJsonModule: true, isolatedModules: true },
        diagnostics: false,
      }],
    },
    moduleNameMapper: {
      '^@domain/(.*)$': '<rootDir>/src/domain/$1',
    },
    ...extra,
  };
};
