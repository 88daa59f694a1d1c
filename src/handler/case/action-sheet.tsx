/** The forms behind the case action bar: one sheet per action, validated with the shared schemas. */
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import {
  assignInput,
  extendInput,
  flagHardInput,
  noteInput,
  resolveInput,
  returnInput,
} from '@domain/case/case-schema'
import { parseInput } from '@domain/common/schema-parts'
import { DAY_MS } from '@domain/common/business-time'
import { callApi } from '@/services/cloud'
import type { CaseView, StaffItem } from '@domain/contract'
import { actionLabel, type HandlerAction } from '../lib/case-actions'
import { fromPickers, pickerParts, shortTime } from '@/staff/format'
import { DateTimePickers, Field, PhotoField, Sheet, TextField, photoProblem, usePhotoUploads } from '@/staff/ui'
import { useLoad } from '@/staff/use-load'

export type FormAction = Exclude<HandlerAction, 'accept' | 'call'>

export interface ActionSheetProps {
  action: FormAction
  kase: CaseView
  now: number
  busy: boolean
  error: string
  onCancel: () => void
  /** validated payload for `case.<action>` */
  onSubmit: (payload: Record<string, unknown>) => void
  onInvalid: (message: string) => void
}

const TITLES: Record<FormAction, string> = {
  assign: '指派处置人',
  note: '处置记录',
  extend: '申请延期',
  flagHard: '标记疑难件',
  return: '退单',
  resolve: '办结',
}

export default function ActionSheet(props: ActionSheetProps) {
  const { action, kase, now, busy, error, onCancel, onSubmit, onInvalid } = props
  const ref = { caseId: kase.id, expectedVersion: kase.version }
  const folder = `cases/${kase.id}/${action}`

  const [text, setText] = useState('')
  const photos = usePhotoUploads({ max: 9, dir: folder })
  const baseDeadline = kase.clocks.deadline ?? now
  const [due, setDue] = useState(() => pickerParts(Math.max(baseDeadline, now) + DAY_MS))
  const [staffId, setStaffId] = useState<string>(kase.assignee?.staffId ?? '')

  const { state: staff } = useLoad(async (): Promise<StaffItem[]> => {
    if (action !== 'assign') return []
    const items = await callApi('staff.list', { streetId: kase.streetId })
    // the street's handlers and community workers; everyone of the street if none is marked so
    const doers = items.filter((p) => p.roles.includes('handler') || p.roles.includes('community'))
    return doers.length ? doers : items
  }, [action, kase.streetId])
  const people = staff.status === 'ready' ? staff.data : []

  const submit = () => {
    if (action === 'note' || action === 'resolve') {
      const problem = photoProblem(photos)
      if (problem) return onInvalid(problem)
    }
    let r
    switch (action) {
      case 'assign':
        r = parseInput(assignInput, { ...ref, staffId })
        if (!r.ok) return onInvalid(staffId ? r.message : '请选择处置人')
        break
      case 'note':
        r = parseInput(noteInput, { ...ref, text, photos: photos.fileIDs })
        break
      case 'extend': {
        const newDeadline = fromPickers(due.date, due.time)
        r = parseInput(extendInput, { ...ref, reason: text, newDeadline: Number.isFinite(newDeadline) ? newDeadline : undefined })
        if (r.ok && kase.clocks.deadline && newDeadline <= kase.clocks.deadline) return onInvalid('新的办理期限须晚于当前期限')
        if (r.ok && newDeadline <= now) return onInvalid('新的办理期限须晚于现在')
        break
      }
      case 'flagHard':
        r = parseInput(flagHardInput, { ...ref, reason: text })
        break
      case 'return':
        r = parseInput(returnInput, { ...ref, reason: text })
        break
      case 'resolve':
        r = parseInput(resolveInput, { ...ref, result: text, photos: photos.fileIDs })
        break
    }
    if (!r.ok) return onInvalid(r.message)
    onSubmit(r.data as Record<string, unknown>)
  }

  return (
    <Sheet title={TITLES[action]} confirmText={action === 'resolve' ? '确认办结' : `确认${actionLabel(action)}`} busy={busy} error={error} onCancel={onCancel} onConfirm={submit}>
      {action === 'assign' && (
        <View className='sx-field'>
          <Text className='sx-field__label'>选择本街镇的处置人</Text>
          {staff.status === 'loading' && <Text className='sx-hint'>正在加载人员…</Text>}
          {staff.status === 'error' && <Text className='sx-form-error'>{staff.message}</Text>}
          {staff.status === 'ready' && people.length === 0 && <Text className='sx-hint'>本街镇暂无可指派的人员</Text>}
          {people.map((p) => (
            <View
              key={p._id}
              className={`hc-person ${staffId === p._id ? 'hc-person--on' : ''}`}
              ariaRole='radio'
              ariaLabel={staffId === p._id ? `${p.name}，已选中` : p.name}
              onClick={() => setStaffId(p._id)}
            >
              <Text className='hc-person__name'>{p.name}</Text>
              <Text className='hc-person__post'>{[p.title, p.post].filter(Boolean).join(' · ')}</Text>
            </View>
          ))}
        </View>
      )}

      {action === 'note' && (
        <>
          <TextField multiline label='记录内容' value={text} placeholder='现场情况、已采取的措施…' maxlength={1000} onChange={setText} />
          <PhotoField label='现场照片' photos={photos} />
        </>
      )}

      {action === 'extend' && (
        <>
          <Text className='sx-hint hc-sheet-hint'>当前期限：{kase.clocks.deadline ? shortTime(kase.clocks.deadline) : '未设定'}</Text>
          <TextField multiline label='延期原因' value={text} placeholder='如：需协调多个部门、等待材料到货' maxlength={300} onChange={setText} />
          <Field label='新的办理期限'>
            <DateTimePickers {...due} start={pickerParts(now).date} dateLabel='新的期限日期' timeLabel='新的期限时间' onChange={setDue} />
          </Field>
        </>
      )}

      {action === 'flagHard' && <TextField multiline label='疑难原因' value={text} placeholder='如：涉及多个部门、权属不清' maxlength={300} onChange={setText} />}

      {action === 'return' && (
        <>
          <Text className='sx-hint hc-sheet-hint'>退单后由指挥中心改派，请写明不属于本辖区或本街镇职责的理由。</Text>
          <TextField multiline label='退单原因' value={text} placeholder='如：位置不在本街道辖区' maxlength={300} onChange={setText} />
        </>
      )}

      {action === 'resolve' && (
        <>
          <TextField multiline label='办理结果' value={text} placeholder='问题如何解决、现场现状' maxlength={1000} onChange={setText} />
          <PhotoField label='办结照片' required photos={photos} />
        </>
      )}
    </Sheet>
  )
}
