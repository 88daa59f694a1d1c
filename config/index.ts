import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import TsconfigPathsPlugin from 'tsconfig-paths-webpack-plugin'
import devConfig from './dev'
import prodConfig from './prod'

/**
 * Taro build configuration (webpack5 runner, React, TypeScript).
 *
 * Output folders:
 *   taro build --type weapp                    → dist/weapp   (project.config.json: miniprogramRoot)
 *   taro build --type h5                       → dist/h5      (served by local/ as staticRoot)
 *   taro build native-components --type weapp → dist/native  (shared widgets as native components, for miniprogram-simulate)
 * Taro empties outputRoot before each build, so the three never clobber each other.
 */
const isNativeComponents = process.argv.includes('native-components')
const taroEnv = process.env.TARO_ENV || 'weapp'

/** Cloud environment id for wx.cloud.init on weapp. Not a secret: it is visible in every request. */
const cloudEnv = process.env.TARO_APP_CLOUD_ENV || 'yixian-chuzhi-dev'

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'yixian-chuzhi',
    date: '2026-11-26',
    designWidth: 750,
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2,
    },
    // YX_SOURCE_ROOT: the benchmark builds a bare Taro React app with this very configuration, for comparison
    sourceRoot: process.env.YX_SOURCE_ROOT || 'src',
    // YX_OUTPUT_ROOT lets a developer build into another folder without touching dist/ (parallel work)
    outputRoot: process.env.YX_OUTPUT_ROOT || (isNativeComponents ? 'dist/native' : `dist/${taroEnv}`),
    plugins: [],
    defineConstants: {
      CLOUD_ENV: JSON.stringify(cloudEnv),
    },
    alias: {
      '@domain': path.resolve(__dirname, '..', 'src/domain'),
      '@': path.resolve(__dirname, '..', 'src'),
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      // shared widgets' styles are imported by pages in different orders; the order does not matter for them
      miniCssExtractPluginOption: { ignoreOrder: true },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin)
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      // Hash routing: every route is served by index.html, whatever static server sits in front.
      router: { mode: 'hash' },
      output: {
        filename: 'js/[name].[hash:8].js',
        chunkFilename: 'js/[name].[chunkhash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[hash].css',
        chunkFilename: 'css/[name].[chunkhash].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin)
        // Share what several pages use (Taro's components, zod, our widgets) instead of copying it into every
        // page chunk: the browser downloads it once and caches it across pages. The chart library stays with the
        // dashboard pages that use it.
        chain.optimization.splitChunks({
          chunks: 'all',
          cacheGroups: {
            vendors: { test: /[\\/]node_modules[\\/](?!@qiun)/, name: 'vendors', priority: -10, reuseExistingChunk: true },
            common: { minChunks: 2, name: 'common', priority: -20, reuseExistingChunk: true },
          },
        })
      },
    },
  }

  if (process.env.NODE_ENV === 'development') {
    return merge({}, baseConfig, devConfig)
  }
  return merge({}, baseConfig, prodConfig)
})
