/**
 * WeChat privacy authorisation before location / album / camera (隐私保护指引).
 *
 * The mini-program asks `wx.onNeedPrivacyAuthorization` whenever a privacy API (chooseLocation,
 * getLocation, chooseMedia…) is called before the user agreed. `installPrivacyHandler()` (app launch)
 * registers that listener once; a mounted `<PrivacyPrompt />` then shows the agreement sheet whose
 * 同意 button is `open-type="agreePrivacyAuthorization"` (WeChat requires a real tap on that button).
 * Pages that call such APIs render `<PrivacyPrompt />` once. Without a mounted prompt the request is
 * declined with an explanation instead of hanging. On H5 everything here is a no-op.
 */
import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import './index.scss'

type Resolve = (result: { event: 'agree' | 'disagree'; buttonId?: string }) => void
type Listener = (pending: { reason: string } | null) => void

const AGREE_BUTTON_ID = 'privacy-agree'
const listeners = new Set<Listener>()
let pending: { resolve: Resolve; reason: string } | null = null
let installed = false

const REASONS: Record<string, string> = {
  chooseLocation: '选择问题发生的位置',
  getLocation: '获取您当前的位置（现场报到、定位问题）',
  chooseMedia: '拍摄或选择问题现场照片',
  chooseImage: '拍摄或选择问题现场照片',
  saveImageToPhotosAlbum: '保存图片到相册',
}

function publish(): void {
  const view = pending ? { reason: pending.reason } : null
  listeners.forEach((l) => l(view))
}

/** Registers the privacy listener (mini-program only; call once at launch). Returns whether it did. */
export function installPrivacyHandler(): boolean {
  if (process.env.TARO_ENV !== 'weapp' || installed) return false
  const api = (Taro as unknown as { onNeedPrivacyAuthorization?: (cb: (resolve: Resolve, info: { referrer?: string }) => void) => void })
    .onNeedPrivacyAuthorization
  if (typeof api !== 'function') return false // base library too old: WeChat shows its own sheet
  installed = true
  api((resolve, info) => {
    const reason = REASONS[info?.referrer ?? ''] ?? '使用位置、相册或相机'
    if (listeners.size === 0) {
      // No prompt on this page: decline now (the caller shows its own failure) rather than hang.
      resolve({ event: 'disagree' })
      void Taro.showModal({
        title: '需要您的授权',
        content: `为${reason}，需要您同意《用户隐私保护指引》。请在需要时再次操作。`,
        showCancel: false,
        confirmText: '知道了',
      })
      return
    }
    pending = { resolve, reason }
    publish()
  })
  return true
}

function settle(result: { event: 'agree' | 'disagree'; buttonId?: string }): void {
  const p = pending
  pending = null
  publish()
  p?.resolve(result)
}

/** The agreement sheet. Renders nothing until WeChat asks, and nothing at all on H5. */
export default function PrivacyPrompt() {
  const [shown, setShown] = useState<{ reason: string } | null>(pending ? { reason: pending.reason } : null)

  useEffect(() => {
    if (process.env.TARO_ENV !== 'weapp') return undefined
    listeners.add(setShown)
    return () => {
      listeners.delete(setShown)
    }
  }, [])

  if (process.env.TARO_ENV !== 'weapp' || !shown) return null
  return (
    <View className='privacy' role='dialog' ariaLabel='用户隐私保护提示'>
      <View className='privacy__sheet'>
        <Text className='privacy__title'>用户隐私保护提示</Text>
        <Text className='privacy__text'>
          为{shown.reason}，我们需要使用您的相关信息。位置和照片仅用于问题派单与办理，不作他用。使用前请阅读并同意
        </Text>
        <Text className='privacy__link' onClick={() => void Taro.openPrivacyContract?.({})}>
          《用户隐私保护指引》
        </Text>
        <View className='privacy__actions'>
          <Button className='privacy__btn privacy__btn--no' ariaLabel='拒绝' onClick={() => settle({ event: 'disagree' })}>
            拒绝
          </Button>
          <Button
            id={AGREE_BUTTON_ID}
            className='privacy__btn privacy__btn--yes'
            openType='agreePrivacyAuthorization'
            ariaLabel='同意并继续'
            onAgreePrivacyAuthorization={() => settle({ event: 'agree', buttonId: AGREE_BUTTON_ID })}
          >
            同意并继续
          </Button>
        </View>
      </View>
    </View>
  )
}

/** Tests: simulate WeChat asking (weapp only). */
export function __askForTest(resolve: Resolve, reason = '选择问题发生的位置'): void {
  pending = { resolve, reason }
  publish()
}
