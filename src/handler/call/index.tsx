import Taro, { useRouter } from '@tarojs/taro'
import PrivacyPrompt from '@/components/PrivacyPrompt'
import CallFormScreen from './call-form-screen'

/** 发起一线呼叫 (handler/call?id=<caseId>). */
export default function Page() {
  const { params } = useRouter()
  return (
    <>
      <CallFormScreen caseId={decodeURIComponent(params.id ?? '')} onDone={() => void Taro.navigateBack().catch(() => undefined)} />
      {/* 集合地点 is chosen on the map (chooseLocation) */}
      <PrivacyPrompt />
    </>
  )
}
