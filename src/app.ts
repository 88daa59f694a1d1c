import type { PropsWithChildren } from 'react'
import Taro, { useLaunch } from '@tarojs/taro'
import './app.scss'

function App({ children }: PropsWithChildren<unknown>) {
  useLaunch(() => {
    if (process.env.TARO_ENV === 'weapp') {
      // The browser build talks to the local cloud over HTTP instead (src/services/cloud.h5.ts).
      Taro.cloud.init({ env: CLOUD_ENV, traceUser: true })
    }
  })
  return children
}

export default App
