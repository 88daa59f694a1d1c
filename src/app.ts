import type { PropsWithChildren } from 'react'
import Taro, { useLaunch } from '@tarojs/taro'
import { applyElderMode, getElderScale } from './components/ElderMode'
import { installPrivacyHandler } from './components/PrivacyPrompt'
import './app.scss'

function App({ children }: PropsWithChildren<unknown>) {
  useLaunch(() => {
    if (process.env.TARO_ENV === 'weapp') {
      // The browser build talks to the local cloud over HTTP instead (src/services/cloud.h5.ts).
      Taro.cloud.init({ env: CLOUD_ENV, traceUser: true })
      // WeChat asks before location / album / camera: pages show <PrivacyPrompt /> for it.
      installPrivacyHandler()
    }
    // 适老化: the large-font choice stored on this device.
    applyElderMode(getElderScale())
  })
  return children
}

export default App
