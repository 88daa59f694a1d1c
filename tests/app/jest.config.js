// Taro React pages and widgets in jsdom, as the H5 build sees them.
const path = require('path');
const root = path.resolve(__dirname, '..', '..');

module.exports = {
  displayName: 'app',
  rootDir: root,
  testMatch: ['<rootDir>/tests/app/**/*.test.{ts,tsx}'],
  testEnvironment: 'jsdom',
  setupFiles: ['<rootDir>/tests/app/setup-env.js'],
  setupFilesAfterEnv: ['<rootDir>/tests/app/setup-after-env.js'],
  transform: {
    '^.+\\.(t|j)sx?$': ['babel-jest', {
      babelrc: false,
      configFile: false,
      presets: [
        ['@babel/preset-env', { targets: { node: 'current' } }],
        ['@babel/preset-react', { runtime: 'automatic' }],
        '@babel/preset-typescript',
      ],
    }],
    '^.+\\.mjs$': ['babel-jest', {
      babelrc: false,
      configFile: false,
      presets: [['@babel/preset-env', { targets: { node: 'current' } }]],
    }],
  },
  // Taro and its web components ship ESM: transform everything.
  transformIgnorePatterns: [],
  // Taro's platform-suffix convention: `@/services/cloud` is cloud.h5.ts in the browser build.
  moduleFileExtensions: ['h5.tsx', 'h5.ts', 'tsx', 'ts', 'js', 'jsx', 'mjs', 'cjs', 'json'],
  moduleNameMapper: {
    // styles and images first, so `@/….scss` is stubbed rather than resolved
    '\\.(css|scss|sass|less)$': '<rootDir>/tests/app/style-stub.js',
    '\\.(png|jpe?g|gif|svg)$': '<rootDir>/tests/app/file-stub.js',
    '^@tarojs/components$': '@tarojs/components/lib/react',
    '^@tarojs/taro$': '@tarojs/taro-h5',
    '^@domain/(.*)$': '<rootDir>/src/domain/$1',
    '^@/(.*)$': '<rootDir>/src/$1',
  },
  // Taro's build-time constants (webpack DefinePlugin in a real build).
  globals: {
    ENABLE_INNER_HTML: true,
    ENABLE_ADJACENT_HTML: true,
    ENABLE_SIZE_APIS: true,
    ENABLE_TEMPLATE_CONTENT: true,
    ENABLE_MUTATION_OBSERVER: true,
    ENABLE_CLONE_NODE: true,
    ENABLE_CONTAINS: true,
    DEPRECATED_ADAPTER_COMPONENT: false,
    __TARO_FRAMEWORK__: 'react',
    CLOUD_ENV: 'test-env',
  },
};
