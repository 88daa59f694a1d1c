import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import { roleName } from '@/components/roles'
import { useElderClass } from '@/components/ElderMode'
import { callApi } from '@/services/cloud'
import type { Bound } from '@domain/contract'
import { errorText } from '@/services/format'
import { resetBootstrap } from '@/services/meta'
import { INVITE_CODE_MESSAGE, INVITE_CODE_RE } from '@domain/org/invite'
import './index.scss'


/** What people type: spaces and dashes dropped, letters in capitals. */
export function normaliseInviteCode(raw: string): string {
  return raw.replace(/[\s-]/g, '').toUpperCase()
}

/** 绑定工作人员身份: a staff member enters the administrator's invite code to bind this WeChat account. */
export default function BindPage() {
  const elder = useElderClass()
  const [code, setCode] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [bound, setBound] = useState<Bound | null>(null)

  const submit = async () => {
    if (busy) return
    const inviteCode = normaliseInviteCode(code)
    if (!inviteCode) {
      setError('请填写邀请码')
      return
    }
    if (!INVITE_CODE_RE.test(inviteCode)) {
      setError(INVITE_CODE_MESSAGE)
      return
    }
    setError(null)
    setBusy(true)
    try {
      const res = await callApi('account.bindInvite', { inviteCode })
      resetBootstrap()
      setBound(res)
    } catch (err) {
      setError(errorText(err, '绑定失败，请稍后重试'))
    } finally {
      setBusy(false)
    }
  }

  // reLaunch remounts 我的, so it reads whoami again and shows the new workbenches.
  const backToMe = () => void Taro.reLaunch({ url: '/pages/me/index' })

  if (bound) {
    const roles = bound.roles.filter((r) => r !== 'citizen').map(roleName)
    return (
      <View className={`bind ${elder}`}>
        <View className='bind__card bind__done'>
          <View className='bind__done-icon'>
            <Text>✓</Text>
          </View>
          <Text className='bind__done-title'>绑定成功</Text>
          <Text className='bind__done-text'>
            {bound.name}
            {roles.length ? ` · ${roles.join('、')}` : ''}
          </Text>
          <Text className='bind__hint'>回到“我的”即可进入您的工作台。</Text>
          <View className='btn-primary bind__btn' hoverClass='btn-primary--hover' ariaRole='button' ariaLabel='返回我的' onClick={backToMe}>
            <Text>返回我的</Text>
          </View>
        </View>
      </View>
    )
  }

  return (
    <View className={`bind ${elder}`}>
      <View className='bind__card'>
        <Text className='bind__title'>绑定工作人员身份</Text>
        <Text className='bind__intro'>
          街镇、社区和部门的工作人员，请输入管理员发放的邀请码，将本微信账号与您的人员信息绑定。群众反映问题无需绑定。
        </Text>
        <Text className='bind__label'>邀请码</Text>
        <Input
          className='bind__input'
          value={code}
          maxlength={20}
          disabled={busy}
          placeholder='6–12位字母或数字'
          ariaLabel='邀请码'
          onInput={(e) => {
            setCode(e.detail.value)
            setError(null)
          }}
          onConfirm={() => void submit()}
        />
        {error ? <Text className='bind__error'>{error}</Text> : null}
        <View className={`btn-primary bind__btn ${busy ? 'bind__btn--busy' : ''}`} hoverClass='btn-primary--hover' ariaRole='button' ariaLabel='绑定' onClick={() => void submit()}>
          <Text>{busy ? '正在绑定…' : '绑定'}</Text>
        </View>
        <Text className='bind__hint'>邀请码只能使用一次。如已绑定需更换，请联系管理员。</Text>
      </View>
    </View>
  )
}
