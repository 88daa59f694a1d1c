import { usePageRefresh } from '@/components/PageRefresh'
import InboxScreen from './inbox-screen'
import './index.scss'

/** 一线处置工作台 (handler inbox). Back from a case, counts and states moved on: reload on show. */
export default function Page() {
  const register = usePageRefresh({ reloadOnShow: true })
  return <InboxScreen onRegisterRefresh={register} />
}
