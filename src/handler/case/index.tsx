import { useRouter } from '@tarojs/taro'
import PrivacyPrompt from '@/components/PrivacyPrompt'
import { usePageRefresh } from '@/components/PageRefresh'
import CaseScreen from './case-screen'

/** 事项办理 (handler/case?id=). Back from 一线呼叫, the new calls are on the case: reload on show. */
export default function Page() {
  const { params } = useRouter()
  const register = usePageRefresh({ reloadOnShow: true })
  return (
    <>
      <CaseScreen caseId={decodeURIComponent(params.id ?? '')} onRegisterRefresh={register} />
      {/* 现场照片 / 办结照片 ask WeChat for the album or camera */}
      <PrivacyPrompt />
    </>
  )
}
