import { useState } from 'react'
import { Text, Textarea, View } from '@tarojs/components'
import { rateInput } from '@domain/case/case-schema'
import { SATISFACTION_LEVELS } from '@domain/rating/rating-codes'
import type { Satisfaction } from '@domain/case/case-types'
import { parseInput } from '@domain/common/schema-parts'
import { ApiError, callApi } from '@/services/cloud'
import { errorText } from '@/services/format'
import type { CaseView } from '@domain/contract'

const LEVELS = Object.keys(SATISFACTION_LEVELS) as Satisfaction[]

export interface RatingFormProps {
  caseId: string
  version: number
  /** after a successful rating, with the case as it is now */
  onRated: (view: CaseView) => void
  /** the case moved on meanwhile: reload */
  onStale: () => void
}

/** 回访评价: 满意 / 基本满意 / 不满意 (a reason is required for 不满意), validated with the domain's `rateInput`. */
export default function RatingForm({ caseId, version, onRated, onStale }: RatingFormProps) {
  const [level, setLevel] = useState<Satisfaction | null>(null)
  const [reason, setReason] = useState('')
  const [errors, setErrors] = useState<{ level?: string; reason?: string; form?: string }>({})
  const [busy, setBusy] = useState(false)

  const submit = async () => {
    if (busy) return
    const payload: Record<string, unknown> = { caseId, expectedVersion: version }
    if (level) payload.level = level
    if (reason.trim()) payload.reason = reason.trim()
    const checked = parseInput(rateInput, payload)
    if (!checked.ok) {
      const next: typeof errors = {}
      for (const i of checked.issues) {
        const key = i.path === 'level' ? 'level' : i.path === 'reason' ? 'reason' : 'form'
        if (!next[key]) next[key] = i.message
      }
      setErrors(next)
      return
    }
    setErrors({})
    setBusy(true)
    try {
      onRated(await callApi('case.rate', checked.data))
    } catch (err) {
      if (err instanceof ApiError && err.code === 'VERSION_CONFLICT') {
        setErrors({ form: '诉求状态已更新，已为您刷新，请重新评价' })
        onStale()
      } else {
        setErrors({ form: errorText(err, '评价失败，请稍后重试') })
      }
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='case__card case__rating'>
      <Text className='case__section-title'>请对办理结果进行评价</Text>
      <Text className='case__hint'>您的评价会计入责任单位的考核；不满意的诉求将重新办理。</Text>
      <View className='case__levels' ariaRole='radiogroup' ariaLabel='满意度'>
        {LEVELS.map((l) => (
          <View
            key={l}
            className={`case__level ${level === l ? `case__level--on case__level--${l}` : ''}`}
            ariaRole='radio'
            ariaLabel={SATISFACTION_LEVELS[l]}
            onClick={() => {
              setLevel(l)
              setErrors((e) => ({ ...e, level: undefined, reason: l === 'dissatisfied' ? e.reason : undefined }))
            }}
          >
            <Text>{SATISFACTION_LEVELS[l]}</Text>
          </View>
        ))}
      </View>
      {errors.level ? <Text className='yx-field-error'>{errors.level}</Text> : null}
      <Textarea
        className='case__textarea'
        value={reason}
        maxlength={300}
        placeholder={level === 'dissatisfied' ? '请说明不满意的原因（必填）' : '还有什么想说的（选填）'}
        ariaLabel='评价说明'
        onInput={(e) => {
          setReason(e.detail.value)
          setErrors((x) => ({ ...x, reason: undefined }))
        }}
      />
      {errors.reason ? <Text className='yx-field-error'>{errors.reason}</Text> : null}
      {errors.form ? <Text className='yx-field-error'>{errors.form}</Text> : null}
      <View className={`btn-primary case__rate-btn ${busy ? 'case__rate-btn--busy' : ''}`} hoverClass='btn-primary--hover' ariaRole='button' ariaLabel='提交评价' onClick={() => void submit()}>
        <Text>{busy ? '正在提交…' : '提交评价'}</Text>
      </View>
    </View>
  )
}
