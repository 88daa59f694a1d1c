import type { UserConfigExport } from '@tarojs/cli'

// Development (watch) builds: readable output, source maps. Never measure package size on these.
export default {
  logger: { quiet: false, stats: true },
  mini: {},
  h5: {},
} satisfies UserConfigExport<'webpack5'>
