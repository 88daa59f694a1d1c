import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, Textarea, View } from '@tarojs/components'
import { supplementInput, withdrawInput } from '@domain/case/case-schema'
import { parseInput } from '@domain/common/schema-parts'
import PhotoPicker, { usePhotoUploads } from '@/components/PhotoPicker'
import { ApiError, callApi } from '@/services/cloud'
import { errorText } from '@/services/format'
import type { ApiInput, CaseView } from '@domain/contract'

export interface PendingActionsProps {
  caseId: string
  version: number
  /** the server offers 'supplement' / 'withdraw' (before the street accepts the case) */
  canSupplement: boolean
  canWithdraw: boolean
  onDone: (view: CaseView) => void
  onStale: () => void
}

/**
 * While nobody has accepted the case yet: 补充说明 (text and photos the reporter forgot) and 撤回 (withdraw; closed as
 * withdrawn, counted apart). The domain table decides when they are offered (`available`).
 */
export default function PendingActions({ caseId, version, canSupplement, canWithdraw, onDone, onStale }: PendingActionsProps) {
  const [mode, setMode] = useState<'none' | 'supplement' | 'withdraw'>('none')
  const [text, setText] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const photos = usePhotoUploads({ max: 9, dir: 'reports' })

  const send = async (action: 'case.supplement' | 'case.withdraw', payload: Record<string, unknown>) => {
    setBusy(true)
    setError(null)
    try {
      const view = await callApi(action, payload as ApiInput<typeof action>)
      setMode('none')
      setText('')
      photos.reset([])
      void Taro.showToast({ title: action === 'case.withdraw' ? '已撤回' : '已补充', icon: 'success' })
      onDone(view)
    } catch (err) {
      if (err instanceof ApiError && (err.code === 'VERSION_CONFLICT' || err.code === 'EVENT_NOT_ALLOWED')) {
        setError('诉求状态已更新（可能已被街镇签收），已为您刷新')
        onStale()
      } else setError(errorText(err, '提交失败，请稍后重试'))
    } finally {
      setBusy(false)
    }
  }

  const supplement = () => {
    if (busy) return
    if (photos.busy) return setError('照片正在上传，请稍候')
    const checked = parseInput(supplementInput, { caseId, expectedVersion: version, ...(text.trim() ? { text: text.trim() } : {}), photos: photos.fileIDs })
    if (!checked.ok) return setError(checked.issues[0]?.message ?? '请填写补充说明或上传照片')
    void send('case.supplement', checked.data)
  }

  const withdraw = () => {
    if (busy) return
    const checked = parseInput(withdrawInput, { caseId, expectedVersion: version, ...(text.trim() ? { reason: text.trim() } : {}) })
    if (!checked.ok) return setError(checked.issues[0]?.message ?? '撤回原因格式不正确')
    void send('case.withdraw', checked.data)
  }

  return (
    <View className='case__card case__pending'>
      <Text className='case__section-title'>诉求尚未被签收</Text>
      <Text className='case__hint'>街镇签收前，您可以补充说明或照片，也可以撤回这条诉求。</Text>
      {mode === 'none' ? (
        <View className='case__pending-actions'>
          {canSupplement ? (
            <View className='btn-primary case__pending-btn' hoverClass='btn-primary--hover' ariaRole='button' ariaLabel='补充说明' onClick={() => setMode('supplement')}>
              <Text>补充说明或照片</Text>
            </View>
          ) : null}
          {canWithdraw ? (
            <View className='btn-secondary case__pending-btn' ariaRole='button' ariaLabel='撤回诉求' onClick={() => setMode('withdraw')}>
              <Text>撤回诉求</Text>
            </View>
          ) : null}
        </View>
      ) : null}
      {mode === 'supplement' ? (
        <View>
          <Textarea
            className='case__textarea'
            value={text}
            maxlength={1000}
            placeholder='补充问题的情况，如：旁边的井盖也松动了'
            ariaLabel='补充说明'
            onInput={(e) => {
              setText(e.detail.value)
              setError(null)
            }}
          />
          <PhotoPicker photos={photos} disabled={busy} addText='补充照片' />
        </View>
      ) : null}
      {mode === 'withdraw' ? (
        <View>
          <Text className='case__hint'>撤回后诉求即关闭，不再办理。如问题仍在，请重新反映。</Text>
          <Textarea
            className='case__textarea'
            value={text}
            maxlength={200}
            placeholder='撤回原因（选填），如：问题已自行解决'
            ariaLabel='撤回原因'
            onInput={(e) => setText(e.detail.value)}
          />
        </View>
      ) : null}
      {error ? (
        <View ariaRole='alert'>
          <Text className='yx-field-error'>{error}</Text>
        </View>
      ) : null}
      {mode !== 'none' ? (
        <View className='case__pending-actions'>
          <View
            className={`btn-primary case__pending-btn ${busy ? 'case__rate-btn--busy' : ''}`}
            hoverClass='btn-primary--hover'
            ariaRole='button'
            ariaLabel={mode === 'supplement' ? '提交补充' : '确认撤回'}
            onClick={mode === 'supplement' ? supplement : withdraw}
          >
            <Text>{busy ? '正在提交…' : mode === 'supplement' ? '提交补充' : '确认撤回'}</Text>
          </View>
          <View
            className='btn-secondary case__pending-btn'
            ariaRole='button'
            ariaLabel='取消'
            onClick={() => {
              setMode('none')
              setError(null)
            }}
          >
            <Text>取消</Text>
          </View>
        </View>
      ) : null}
    </View>
  )
}
