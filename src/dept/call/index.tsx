import { useRouter } from '@tarojs/taro'
import PrivacyPrompt from '@/components/PrivacyPrompt'
import { usePageRefresh } from '@/components/PageRefresh'
import CallScreen from './call-screen'

/** 呼叫详情 (dept/call?id=<callId>). On the H5 dev build a 模拟定位 field stands in for GPS. */
export default function Page() {
  const { params } = useRouter()
  const register = usePageRefresh({ reloadOnShow: false })
  return (
    <>
      <CallScreen
        callId={decodeURIComponent(params.id ?? '')}
        devLocation={process.env.TARO_ENV === 'h5'}
        onRegisterRefresh={register}
      />
      {/* 现场报到 (getLocation) and 现场照片 (album / camera) */}
      <PrivacyPrompt />
    </>
  )
}
