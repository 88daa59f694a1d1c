import { usePageRefresh } from '@/components/PageRefresh'
import CallsScreen from './calls-screen'

/** 部门呼叫工作台 (dept/calls). */
export default function Page() {
  const register = usePageRefresh({ reloadOnShow: true })
  return <CallsScreen onRegisterRefresh={register} />
}
