/** The calls of a case: state, check-in verdicts, what the department did, and the street's rating. */
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { DEPT_RATING_LEVELS, DEPT_REASONS, DEPT_REASON_CODES } from '@domain/rating/rating-codes'
import type { DeptRatingLevel, DeptReasonCode } from '@domain/rating/rating-types'
import { rateDeptInput, cancelCallInput } from '@domain/call/call-schema'
import { parseInput } from '@domain/common/schema-parts'
import type { CallView } from '@domain/contract'
import { checkInLine, shortTime } from '@/staff/format'
import { Chips, PhotoRow, Section, Sheet, TextField, toggled, type CallSheetProps } from '@/staff/ui'

export interface CallsSectionProps {
  calls: CallView[]
  busy: boolean
  error: string
  /** send `call.rateDept` / `call.cancel`; resolves when the detail has been reloaded */
  onAction: (action: 'call.rateDept' | 'call.cancel', payload: Record<string, unknown>) => Promise<boolean>
  onInvalid: (message: string) => void
  onClearError: () => void
}

type Open = { kind: 'rate' | 'cancel'; call: CallView } | null

export default function CallsSection({ calls, busy, error, onAction, onInvalid, onClearError }: CallsSectionProps) {
  const [open, setOpen] = useState<Open>(null)
  if (!calls.length) return null
  const close = () => {
    onClearError()
    setOpen(null)
  }
  const OpenSheet = open?.kind === 'rate' ? RateDeptSheet : CancelSheet
  return (
    <Section title={`一线呼叫（${calls.length}）`}>
      {calls.map((c) => (
        <View key={c.id} className='hc-call'>
          <View className='sx-item__head'>
            <Text className='sx-item__title'>{c.deptName}</Text>
            <Text className='hc-call__state'>{c.stateLabel}</Text>
          </View>
          <Text className='sx-item__meta'>
            约定 {shortTime(c.meetAt)} · {c.place.address}
          </Text>
          <Text className='sx-item__desc'>{c.what}</Text>
          {c.checkIn ? <Text className='hc-call__line'>报到：{checkInLine(c.checkIn)}</Text> : null}
          {(c.attempts ?? [])
            .filter((a) => !c.checkIn || a.at !== c.checkIn.at)
            .map((a) => (
              <Text key={a.at} className='hc-call__line hc-call__line--warn'>
                未通过的报到：{checkInLine(a)}
              </Text>
            ))}
          {c.action ? (
            <View className='hc-call__action'>
              <Text className='hc-call__line'>处置情况：{c.action.text}</Text>
              <PhotoRow photos={c.action.photos} />
            </View>
          ) : null}
          {c.streetRating ? (
            <Text className='hc-call__line'>
              我方评价：{DEPT_RATING_LEVELS[c.streetRating.level]}
              {c.streetRating.reasons.length ? `（${c.streetRating.reasons.map((r) => DEPT_REASONS[r].label).join('、')}）` : ''}
            </Text>
          ) : null}
          {c.available.includes('rateByStreet') || c.available.includes('cancel') ? (
            <View className='hc-call__btns'>
              {c.available.includes('cancel') ? (
                <View className='btn-secondary hc-call__btn' ariaRole='button' ariaLabel={`取消呼叫：${c.deptName}`} onClick={() => setOpen({ kind: 'cancel', call: c })}>
                  <Text>取消呼叫</Text>
                </View>
              ) : null}
              {c.available.includes('rateByStreet') ? (
                <View className='btn-primary hc-call__btn' ariaRole='button' ariaLabel={`评价部门：${c.deptName}`} onClick={() => setOpen({ kind: 'rate', call: c })}>
                  <Text>评价部门</Text>
                </View>
              ) : null}
            </View>
          ) : null}
        </View>
      ))}
      {open ? (
        <OpenSheet
          call={open.call}
          busy={busy}
          error={error}
          onCancel={close}
          onInvalid={onInvalid}
          onSubmit={async (payload) => {
            if (await onAction(open.kind === 'rate' ? 'call.rateDept' : 'call.cancel', payload)) setOpen(null)
          }}
        />
      ) : null}
    </Section>
  )
}

const LEVEL_OPTIONS = (Object.keys(DEPT_RATING_LEVELS) as DeptRatingLevel[]).map((k) => ({ key: k, label: DEPT_RATING_LEVELS[k] }))

/** Reasons that fit a level: 好评 offers the positive ones, 差评 the negative ones, 中评 all; 其他 always. */
export function reasonsFor(level: DeptRatingLevel): DeptReasonCode[] {
  return DEPT_REASON_CODES.filter((code) => {
    const p = DEPT_REASONS[code].polarity
    if (p === 'neutral' || level === 'fair') return true
    return level === 'good' ? p === 'positive' : p === 'negative'
  })
}

export function RateDeptSheet({ call, busy, error, onCancel, onInvalid, onSubmit }: CallSheetProps) {
  const [level, setLevel] = useState<DeptRatingLevel | ''>('')
  const [reasons, setReasons] = useState<DeptReasonCode[]>([])
  const [note, setNote] = useState('')
  const options = level ? reasonsFor(level).map((k) => ({ key: k, label: DEPT_REASONS[k].label, tone: DEPT_REASONS[k].polarity })) : []
  const submit = () => {
    const r = parseInput(rateDeptInput, { callId: call.id, expectedVersion: call.version, level: level || undefined, reasons, note: note || undefined })
    if (!r.ok) return onInvalid(r.message)
    onSubmit(r.data as Record<string, unknown>)
  }
  return (
    <Sheet title={`评价：${call.deptName}`} confirmText='提交评价' busy={busy} error={error} onCancel={onCancel} onConfirm={submit}>
      <Chips
        label='总体评价'
        options={LEVEL_OPTIONS}
        selected={level}
        onToggle={(l) => {
          setLevel(l)
          setReasons((rs) => rs.filter((r) => reasonsFor(l).includes(r)))
        }}
      />
      {level ? <Chips label='评价原因（可多选）' options={options} selected={reasons} onToggle={(r) => setReasons(toggled(reasons, r))} /> : null}
      <TextField multiline label='说明（选填）' value={note} maxlength={300} placeholder='补充说明' onChange={setNote} />
    </Sheet>
  )
}

function CancelSheet({ call, busy, error, onCancel, onInvalid, onSubmit }: CallSheetProps) {
  const [reason, setReason] = useState('')
  const submit = () => {
    const r = parseInput(cancelCallInput, { callId: call.id, expectedVersion: call.version, reason })
    if (!r.ok) return onInvalid(r.message)
    onSubmit(r.data as Record<string, unknown>)
  }
  return (
    <Sheet title={`取消呼叫：${call.deptName}`} confirmText='确认取消呼叫' busy={busy} error={error} onCancel={onCancel} onConfirm={submit}>
      <TextField multiline label='取消原因' value={reason} maxlength={300} placeholder='如：问题已由街道自行处置' onChange={setReason} />
    </Sheet>
  )
}
