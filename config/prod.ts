import type { UserConfigExport } from '@tarojs/cli'

// Production builds: terser for JS, csso for styles, no source maps in the package.
export default {
  logger: { quiet: true, stats: false },
  terser: { enable: true, config: { compress: { drop_debugger: true } } },
  csso: { enable: true, config: {} },
  mini: { enableSourceMap: false },
  h5: { enableSourceMap: false },
} satisfies UserConfigExport<'webpack5'>
