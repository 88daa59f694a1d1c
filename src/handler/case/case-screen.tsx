import { useCallback, useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { callApi } from '@/services/cloud'
import Countdown from '@/components/Countdown'
import StatusChip from '@/components/StatusChip'
import Timeline, { logToTimeline } from '@/components/Timeline'
import { useElderClass } from '@/components/ElderMode'
import type { CaseView } from '@domain/contract'
import { isOverdueCase } from '@domain/case/case-lists'
import { actionLabel, primaryAction, visibleActions, type HandlerAction } from '../lib/case-actions'
import { shortTime } from '@/staff/format'
import { useLoad } from '@/staff/use-load'
import { useSend } from '@/staff/use-send'
import { ErrorState, LoadGate, PhotoRow, Section } from '@/staff/ui'
import ActionSheet, { type FormAction } from './action-sheet'
import CallsSection from './calls-section'
import './index.scss'

const DONE_TEXT: Partial<Record<HandlerAction, string>> = {
  accept: '已签收',
  assign: '已指派',
  note: '已记录',
  extend: '已延期',
  flagHard: '已标记为疑难件',
  return: '已退单',
  resolve: '已办结，等待核查',
}

export interface CaseScreenProps {
  caseId: string
  /** fixed "now" (tests); omitted = live clock */
  now?: number
  onRegisterRefresh?: (refresh: () => Promise<void>) => void
}

/** 事项办理: the case, its calls and timeline, and an action bar with only the available events. */
export default function CaseScreen({ caseId, now, onRegisterRefresh }: CaseScreenProps) {
  const elder = useElderClass()
  const { state, reload } = useLoad(() => callApi('case.get', { caseId }), [caseId], onRegisterRefresh)
  const [sheet, setSheet] = useState<FormAction | null>(null)
  const closeSheet = useCallback(() => setSheet(null), [])


  const { busy, formError, setFormError, send } = useSend(reload, '事项已被他人更新，已为您刷新', closeSheet)

  if (!caseId) return <ErrorState message='缺少事项编号' code='MISSING_ID' />
  if (state.status !== 'ready') return <LoadGate state={state} onRetry={reload} />

  const { case: kase, calls, log } = state.data
  const clock = now ?? Date.now()
  const actions = visibleActions(kase.available)
  const primary = primaryAction(actions, !!kase.assignee)

  const onAction = (a: HandlerAction) => {
    setFormError('')
    if (a === 'accept') {
      void send('case.accept', { caseId: kase.id, expectedVersion: kase.version }, DONE_TEXT.accept!)
    } else if (a === 'call') {
      void Taro.navigateTo({ url: `/handler/call/index?id=${encodeURIComponent(kase.id)}` })
    } else {
      setSheet(a)
    }
  }

  return (
    <View className={`sx-page ${actions.length > 4 ? 'hc-page--tall-bar' : ''} ${elder}`}>
      <CaseHeader kase={kase} now={clock} />
      <ClocksCard kase={kase} now={now} />

      <CallsSection
        calls={calls}
        busy={busy}
        error={formError}
        onAction={(action, payload) => send(action, payload, action === 'call.rateDept' ? '评价已提交' : '呼叫已取消')}
        onInvalid={setFormError}
        onClearError={() => setFormError('')}
      />

      <Section title='办理过程'>
        <Timeline items={logToTimeline(log)} />
      </Section>

      {actions.length > 0 ? (
        <View className='sx-actionbar' ariaRole='toolbar' ariaLabel='办理操作'>
          {actions.map((a) => (
            <View
              key={a}
              className={`${a === primary ? 'btn-primary' : 'btn-secondary'} sx-actionbar__btn ${busy && a === 'accept' ? 'sx-btn--busy' : ''}`}
              hoverClass={a === primary ? 'btn-primary--hover' : 'btn-secondary--hover'}
              ariaRole='button'
              ariaLabel={actionLabel(a)}
              onClick={busy ? undefined : () => onAction(a)}
            >
              <Text>{actionLabel(a)}</Text>
            </View>
          ))}
        </View>
      ) : null}

      {sheet && (
        <ActionSheet
          action={sheet}
          kase={kase}
          now={clock}
          busy={busy}
          error={formError}
          onCancel={() => {
            setFormError('')
            setSheet(null)
          }}
          onInvalid={setFormError}
          onSubmit={async (payload) => {
            if (await send(`case.${sheet}`, payload, DONE_TEXT[sheet] ?? '已提交')) setSheet(null)
          }}
        />
      )}
    </View>
  )
}

function CaseHeader({ kase, now }: { kase: CaseView; now: number }) {
  const place = kase.location?.address
  const area = [kase.streetName, kase.communityName].filter(Boolean).join(' · ')
  return (
    <View className='sx-card'>
      <View className='sx-item__head'>
        <Text className='sx-item__title'>{kase.categoryName}</Text>
        <StatusChip label={kase.stateLabel} kind={kase.stateKind === 'closed' ? 'closed' : 'open'} />
        {kase.flags.hard ? <StatusChip label='疑难件' kind='warn' /> : null}
        {isOverdueCase(kase, now) ? <StatusChip label='已逾期' kind='danger' /> : null}
      </View>
      <Text className='sx-item__desc'>{kase.description}</Text>
      <PhotoRow photos={kase.photos} />
      <View className='hc-kvs'>
        <KV k='地点' v={place || '未提供位置'} />
        {area ? <KV k='属地' v={area} /> : null}
        <KV k='上报时间' v={shortTime(kase.createdAt, now)} />
        {kase.assignee ? <KV k='处置人' v={kase.assignee.name} /> : null}
        {kase.deptNames.length ? <KV k='涉及部门' v={kase.deptNames.join('、')} /> : null}
        {kase.phone ? <PhoneKV phone={kase.phone} /> : null}
        {kase.flags.hard ? <KV k='疑难原因' v={kase.flags.hard.reason} /> : null}
        {kase.returnInfo ? <KV k='退单原因' v={kase.returnInfo.reason} /> : null}
        {kase.resolution ? <KV k='办理结果' v={kase.resolution.result} /> : null}
      </View>
      {kase.resolution?.photos.length ? <PhotoRow photos={kase.resolution.photos} /> : null}
    </View>
  )
}

/**
 * The reporter's number: the server sends it in full only to those who handle the case (the case's street and the
 * command centre, `@domain/access/projection` PHONE_NOTICE) — they get 拨打; everyone else sees it masked.
 */
function PhoneKV({ phone }: { phone: string }) {
  const full = !phone.includes('*')
  return (
    <View className='sx-kv hc-phone-row'>
      <Text className='sx-kv__k'>联系电话</Text>
      <Text className='sx-kv__v'>{phone}</Text>
      {full ? (
        <View
          className='btn-secondary hc-call-phone'
          ariaRole='button'
          ariaLabel={`拨打 ${phone}`}
          onClick={() => void Promise.resolve(Taro.makePhoneCall({ phoneNumber: phone })).catch(() => undefined)}
        >
          <Text>拨打</Text>
        </View>
      ) : null}
    </View>
  )
}

function KV({ k, v }: { k: string; v: string }) {
  return (
    <View className='sx-kv'>
      <Text className='sx-kv__k'>{k}</Text>
      <Text className='sx-kv__v'>{v}</Text>
    </View>
  )
}

function ClocksCard({ kase, now }: { kase: CaseView; now?: number }) {
  if (kase.stateKind !== 'open') return null
  const c = kase.clocks
  const rows: { label: string; deadline: number; start?: number }[] = []
  if (kase.state === 'dispatched' && c.respondBy) rows.push({ label: '签收时限', deadline: c.respondBy, start: c.dispatchedAt })
  if ((kase.state === 'dispatched' || kase.state === 'accepted') && c.assignBy) rows.push({ label: '分派时限', deadline: c.assignBy, start: c.dispatchedAt })
  if (c.deadline && kase.state !== 'resolved') rows.push({ label: '办理期限', deadline: c.deadline, start: c.startedAt })
  if (!rows.length) return null
  return (
    <Section title='时限'>
      {rows.map((r) => (
        <View className='sx-clock' key={r.label}>
          <Text className='sx-clock__label'>{r.label}</Text>
          <Text className='hc-clock__at'>{shortTime(r.deadline)}</Text>
          <Countdown deadline={r.deadline} start={r.start} now={now} />
        </View>
      ))}
      {c.originalDeadline && c.deadline && c.originalDeadline !== c.deadline ? (
        <Text className='sx-hint'>原定期限 {shortTime(c.originalDeadline)}，已延期 {c.extensions.length} 次</Text>
      ) : null}
    </Section>
  )
}
