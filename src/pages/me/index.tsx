import { useCallback, useEffect, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { Switch, Text, View } from '@tarojs/components'
import { callApi } from '@/services/cloud'
import type { WhoAmI } from '@domain/contract'
import { roleName, workbenchesFor } from '@/components/roles'
import { ELDER_SCALE_LABELS, useElderClass, useElderMode, type ElderScale } from '@/components/ElderMode'
import DevSwitcher from './dev-switcher'
import './index.scss'

type State =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; me: WhoAmI }

function errorMessage(err: unknown): string {
  return err instanceof Error && err.message ? err.message : '加载失败，请稍后重试'
}

/** 我的: who you are (whoami), your role workbenches; on H5 also the dev identity switcher. */
export default function MePage() {
  const [state, setState] = useState<State>({ status: 'loading' })
  const latest = useRef(0)
  const elder = useElderClass()

  const load = useCallback(async () => {
    const ticket = ++latest.current
    setState({ status: 'loading' })
    try {
      const me = await callApi('whoami')
      if (ticket === latest.current) setState({ status: 'ready', me })
    } catch (err) {
      if (ticket === latest.current) setState({ status: 'error', message: errorMessage(err) })
    }
  }, [])

  useEffect(() => {
    void load()
  }, [load])

  return (
    <View className={`yx-page me ${elder}`}>
      {state.status === 'loading' && (
        <View className='me__state' aria-busy='true'>
          <View className='me__spinner' />
          <Text className='me__state-text'>正在加载…</Text>
        </View>
      )}

      {state.status === 'error' && (
        <View className='me__state me__state--error'>
          <Text className='me__state-title'>加载失败</Text>
          <Text className='me__state-text'>{state.message}</Text>
          <View className='btn-primary me__retry' hoverClass='btn-primary--hover' onClick={() => void load()}>
            <Text>重试</Text>
          </View>
        </View>
      )}

      {state.status === 'ready' && <Profile me={state.me} />}

      <ElderSetting />

      {process.env.TARO_ENV === 'h5' && (
        <DevSwitcher currentOpenid={state.status === 'ready' ? state.me.openid : undefined} onSwitched={load} />
      )}
    </View>
  )
}

function Profile({ me }: { me: WhoAmI }) {
  // Everyone is a citizen; staff see their posts instead of that.
  const staffRoles = me.roles.filter((role) => role !== 'citizen')
  const roles = staffRoles.length ? staffRoles : ['citizen']
  const displayName = me.name || (staffRoles.length ? '未命名人员' : '群众用户')
  const benches = workbenchesFor(roles)
  return (
    <View>
      <View className='me__card me__profile'>
        <View className='me__avatar'>
          <Text className='me__avatar-text'>{displayName.slice(0, 1)}</Text>
        </View>
        <View className='me__who'>
          <Text className='me__name'>{displayName}</Text>
          {me.unitName ? <Text className='me__unit'>{me.unitName}</Text> : null}
          <View className='me__roles'>
            {roles.map((role) => (
              <Text className='me__role' key={role}>
                {roleName(role)}
              </Text>
            ))}
          </View>
        </View>
      </View>

      {benches.length > 0 ? (
        <View className='me__section'>
          <Text className='me__section-title'>我的工作台</Text>
          <View className='me__card me__list'>
            {benches.map((bench) => (
              <View
                className='me__cell'
                hoverClass='me__cell--hover'
                key={bench.key}
                onClick={() => void Taro.navigateTo({ url: bench.url })}
              >
                <View className='me__cell-main'>
                  <Text className='me__cell-title'>{bench.title}</Text>
                  <Text className='me__cell-desc'>{bench.desc}</Text>
                </View>
                <Text className='me__cell-arrow'>›</Text>
              </View>
            ))}
          </View>
        </View>
      ) : (
        <View className='me__card me__hint'>
          <Text className='me__hint-text'>
            发现身边的问题，可以通过“随手拍”反映；办理进度在“我的诉求”中查看。
          </Text>
        </View>
      )}

      {staffRoles.length === 0 ? (
        <View className='me__section'>
          <View className='me__card'>
            <View
              className='me__cell'
              hoverClass='me__cell--hover'
              ariaRole='button'
              ariaLabel='绑定工作人员身份'
              onClick={() => void Taro.navigateTo({ url: '/pages/bind/index' })}
            >
              <View className='me__cell-main'>
                <Text className='me__cell-title'>绑定工作人员身份</Text>
                <Text className='me__cell-desc'>街镇、社区、部门工作人员凭邀请码绑定</Text>
              </View>
              <Text className='me__cell-arrow'>›</Text>
            </View>
          </View>
        </View>
      ) : null}

      <Text className='me__openid'>用户编号：{me.openid}</Text>
    </View>
  )
}

/** 适老化: large-font mode, stored on this device and applied to every page. */
function ElderSetting() {
  const { scale, setScale } = useElderMode()
  const on = scale !== 1
  return (
    <View className='me__section'>
      <Text className='me__section-title'>显示设置</Text>
      <View className='me__card me__elder'>
        <View className='me__elder-row'>
          <View className='me__cell-main'>
            <Text className='me__cell-title'>大字模式（适老化）</Text>
            <Text className='me__cell-desc'>放大全部页面的文字和按钮，方便阅读和点按</Text>
          </View>
          <Switch
            checked={on}
            color='#1677ff'
            ariaLabel='大字模式'
            onChange={(e) => setScale(e.detail.value ? 1.25 : 1)}
          />
        </View>
        {on ? (
          <View className='me__elder-sizes'>
            {([1.25, 1.5] as ElderScale[]).map((s) => (
              <View
                key={s}
                className={`me__elder-size ${scale === s ? 'me__elder-size--on' : ''}`}
                ariaRole='button'
                ariaLabel={`${ELDER_SCALE_LABELS[s]}${scale === s ? '（已选）' : ''}`}
                onClick={() => setScale(s)}
              >
                <Text>{ELDER_SCALE_LABELS[s]}</Text>
              </View>
            ))}
          </View>
        ) : null}
      </View>
    </View>
  )
}
