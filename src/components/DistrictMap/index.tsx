/**
 * What TypeScript and the jsdom tests see: Taro picks `index.weapp.tsx` (native `map`) or `index.h5.tsx`
 * (offline vector map) by platform. Outside Taro the H5 map is the one that runs.
 */
export { default } from './index.h5'
export * from './index.h5'
