import { useCallback, useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { devIdentities, devSetIdentity, type DevIdentity } from '@/services/cloud'
import { forgetUploadDir } from '@/services/uploads'
import { roleName } from '@/components/roles'

function staffRoleNames(roles: string[]): string {
  const staff = roles.filter((role) => role !== 'citizen')
  return (staff.length ? staff : ['citizen']).map(roleName).join('、')
}

interface Props {
  currentOpenid?: string
  /** Called after the identity changed, to reload whoami. */
  onSwitched: () => unknown
}

type ListState =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; list: DevIdentity[] }

/**
 * H5 only, against the local cloud: pick a seeded staff identity (the server sets a cookie that
 * becomes the caller's OPENID). Never rendered in the mini-program build.
 */
export default function DevSwitcher({ currentOpenid, onSwitched }: Props) {
  const [state, setState] = useState<ListState>({ status: 'loading' })
  const [busy, setBusy] = useState<string | null>(null)
  const [switchError, setSwitchError] = useState<string | null>(null)

  const load = useCallback(async () => {
    setState({ status: 'loading' })
    try {
      setState({ status: 'ready', list: await devIdentities() })
    } catch (err) {
      setState({ status: 'error', message: err instanceof Error ? err.message : '加载失败' })
    }
  }, [])

  useEffect(() => {
    void load()
  }, [load])

  const choose = async (openid: string | null) => {
    if (busy !== null) return
    setBusy(openid ?? '')
    setSwitchError(null)
    try {
      await devSetIdentity(openid)
      forgetUploadDir()
      await onSwitched()
    } catch (err) {
      setSwitchError(err instanceof Error ? err.message : '切换失败')
    } finally {
      setBusy(null)
    }
  }

  return (
    <View className='dev'>
      <Text className='dev__title'>开发环境 · 切换身份</Text>
      <Text className='dev__subtitle'>仅本地浏览器调试可见，正式小程序中没有此功能。</Text>

      {state.status === 'loading' && <Text className='dev__note'>正在读取身份列表…</Text>}
      {state.status === 'error' && (
        <View className='dev__row'>
          <Text className='dev__note'>{state.message}</Text>
          <Text className='dev__link' onClick={() => void load()}>
            重新读取
          </Text>
        </View>
      )}
      {state.status === 'ready' && (
        <View className='dev__list'>
          <View
            className={`dev__item ${currentOpenid !== undefined && !state.list.some((i) => i.openid === currentOpenid) ? 'dev__item--current' : ''}`}
            onClick={() => void choose(null)}
          >
            <Text className='dev__item-name'>群众（未绑定人员）</Text>
            <Text className='dev__item-meta'>以普通群众身份访问</Text>
          </View>
          {state.list.map((identity) => (
            <View
              className={`dev__item ${identity.openid === currentOpenid ? 'dev__item--current' : ''}`}
              key={identity.openid}
              data-openid={identity.openid}
              onClick={() => void choose(identity.openid)}
            >
              <Text className='dev__item-name'>
                {identity.name}
                {identity.openid === currentOpenid ? '（当前）' : ''}
              </Text>
              <Text className='dev__item-meta'>
                {[identity.unitName, staffRoleNames(identity.roles)].filter(Boolean).join(' · ')}
              </Text>
            </View>
          ))}
          {state.list.length === 0 && <Text className='dev__note'>还没有可切换的人员，请先写入人员数据。</Text>}
        </View>
      )}
      {busy !== null && <Text className='dev__note'>正在切换…</Text>}
      {switchError && <Text className='dev__error'>{switchError}</Text>}
    </View>
  )
}
