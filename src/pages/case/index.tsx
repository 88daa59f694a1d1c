import { useCallback, useEffect, useRef, useState } from 'react'
import { showToast, stopPullDownRefresh, usePullDownRefresh, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { CHECKIN_STATUS_LABELS } from '@domain/call/call-checkin'
import { CHANNEL_LABELS } from '@domain/case/case-types'
import { isOverdueCase } from '@domain/case/case-lists'
import { SATISFACTION_LEVELS } from '@domain/rating/rating-codes'
import PhotoStrip from '@/components/PhotoStrip'
import Countdown from '@/components/Countdown'
import ErrorState from '@/components/ErrorState'
import Loading from '@/components/Loading'
import StatusChip from '@/components/StatusChip'
import Timeline, { logToTimeline } from '@/components/Timeline'
import { useElderClass } from '@/components/ElderMode'
import { callApi } from '@/services/cloud'
import { errorText, formatTime, maskPhone } from '@/services/format'
import type { CallView, CaseDetail, CaseView } from '@domain/contract'
import RatingForm from './rating-form'
import PendingActions from './pending-actions'
import './index.scss'
import { codeOf } from '@/components/ErrorState/error-kind'

type State = { status: 'loading' } | { status: 'error'; message: string; code?: string } | { status: 'ready'; detail: CaseDetail }

function Photos({ photos, label }: { photos: string[]; label: string }) {
  return <PhotoStrip photos={photos} label={label} className='case__photos' photoClassName='case__photo' />
}

function Row({ label, value }: { label: string; value?: string | null }) {
  if (!value) return null
  return (
    <View className='case__row'>
      <Text className='case__row-label'>{label}</Text>
      <Text className='case__row-value'>{value}</Text>
    </View>
  )
}

function CallItem({ call }: { call: CallView }) {
  const check = call.checkIn ?? call.attempts?.[call.attempts.length - 1]
  return (
    <View className='case__call'>
      <View className='case__call-head'>
        <Text className='case__call-dept'>{call.deptName}</Text>
        <StatusChip label={call.stateLabel} kind={call.state === 'absent' ? 'danger' : call.state === 'cancelled' || call.state === 'rated' ? 'closed' : 'open'} />
      </View>
      <Text className='case__call-line'>呼叫事项：{call.what}</Text>
      <Text className='case__call-line'>到场时间：{formatTime(call.meetAt)}</Text>
      {check ? (
        <Text className='case__call-line'>
          报到：{CHECKIN_STATUS_LABELS[check.status]} · {formatTime(check.at)}
        </Text>
      ) : null}
      {call.action ? <Text className='case__call-line'>处置情况：{call.action.text}</Text> : null}
    </View>
  )
}

/** 回访评价 is open while the server offers 'rate' (it withholds it once this round of handling is rated). */
export function canRate(c: Pick<CaseView, 'available'>): boolean {
  return !!c.available?.includes('rate')
}

/** 诉求详情: status, photos, place, who is responsible, calls, the full timeline and, when asked, the rating. */
export default function CasePage() {
  const elder = useElderClass()
  const router = useRouter()
  const caseId = router?.params?.id ? decodeURIComponent(router.params.id) : ''
  const [state, setState] = useState<State>({ status: 'loading' })
  const [thanks, setThanks] = useState(false)
  const ticket = useRef(0)

  const load = useCallback(
    async (quiet = false) => {
      const mine = ++ticket.current
      if (!caseId) {
        setState({ status: 'error', message: '缺少诉求编号', code: 'MISSING_ID' })
        return
      }
      if (!quiet) setState({ status: 'loading' })
      try {
        const detail = await callApi('case.get', { caseId })
        if (mine === ticket.current) setState({ status: 'ready', detail })
      } catch (err) {
        if (mine !== ticket.current) return
        if (quiet) void showToast({ title: errorText(err, '刷新失败'), icon: 'none' })
        else setState({ status: 'error', message: errorText(err, '加载失败，请稍后重试'), code: codeOf(err) })
      }
    },
    [caseId],
  )

  useEffect(() => {
    void load()
  }, [load])

  usePullDownRefresh(() => {
    void load(true).finally(() => void stopPullDownRefresh())
  })

  if (state.status === 'loading') return <Loading />
  if (state.status === 'error') return <ErrorState message={state.message} code={state.code} onRetry={() => void load()} />

  const { case: c, calls, log } = state.detail
  const open = c.stateKind === 'open'
  const deadline = c.clocks?.deadline
  const extended = c.clocks?.originalDeadline && deadline && c.clocks.originalDeadline !== deadline
  const place = c.location?.address
  const area = [c.streetName, c.communityName].filter(Boolean).join(' · ')

  const onRated = (view: CaseView) => {
    setThanks(true)
    setState((s) => (s.status === 'ready' ? { status: 'ready', detail: { ...s.detail, case: view } } : s))
    void load(true) // the timeline gains the rating step
  }

  return (
    <View className={`yx-page case ${elder}`}>
      <View className='case__card'>
        <View className='case__head'>
          <Text className='case__category'>{c.categoryName}</Text>
          <View className='case__chips'>
            {c.flags?.hard ? <StatusChip label='疑难件' kind='warn' /> : null}
            {isOverdueCase(c, Date.now()) ? <StatusChip label='已逾期' kind='danger' /> : null}
            <StatusChip label={c.stateLabel} kind={open ? 'open' : 'closed'} />
          </View>
        </View>
        <Text className='case__meta'>
          编号 {c.id} · {CHANNEL_LABELS[c.channel] ?? '随手拍'} · {formatTime(c.createdAt)}
        </Text>
        {open && deadline ? (
          <View className='case__deadline'>
            <Text className='case__deadline-label'>办理期限 {formatTime(deadline)}</Text>
            <Countdown deadline={deadline} start={c.clocks?.startedAt} />
          </View>
        ) : null}
        <Text className='case__desc'>{c.description}</Text>
        <Photos photos={c.photos ?? []} label='现场照片' />
      </View>

      {thanks ? (
        <View className='case__card case__thanks' ariaRole='alert'>
          <Text>感谢您的评价！</Text>
        </View>
      ) : null}

      {c.available?.includes('supplement') || c.available?.includes('withdraw') ? (
        <PendingActions
          caseId={c.id}
          version={c.version}
          canSupplement={!!c.available?.includes('supplement')}
          canWithdraw={!!c.available?.includes('withdraw')}
          onDone={(view) => {
            setState((s) => (s.status === 'ready' ? { status: 'ready', detail: { ...s.detail, case: view } } : s))
            void load(true)
          }}
          onStale={() => void load(true)}
        />
      ) : null}

      {canRate(c) ? (
        <RatingForm caseId={c.id} version={c.version} onRated={onRated} onStale={() => void load(true)} />
      ) : null}

      <View className='case__card'>
        <Text className='case__section-title'>办理信息</Text>
        <Row label='问题位置' value={place} />
        <Row label='属地' value={area || '待指挥中心分派'} />
        <Row label='责任部门' value={c.deptNames?.length ? c.deptNames.join('、') : undefined} />
        <Row label='处置人' value={c.assignee?.name} />
        <Row label='办理期限' value={deadline ? formatTime(deadline) : undefined} />
        {extended ? <Row label='原定期限' value={formatTime(c.clocks.originalDeadline!)} /> : null}
        <Row label='联系电话' value={c.phone ? maskPhone(c.phone) : undefined} />
        <Row
          label='我的评价'
          value={c.satisfaction ? `${SATISFACTION_LEVELS[c.satisfaction.level]}${c.satisfaction.reason ? `：${c.satisfaction.reason}` : ''}` : undefined}
        />
      </View>

      {c.resolution ? (
        <View className='case__card'>
          <Text className='case__section-title'>办理结果</Text>
          <Text className='case__desc'>{c.resolution.result}</Text>
          <Text className='case__meta'>{formatTime(c.resolution.at)}</Text>
          <Photos photos={c.resolution.photos ?? []} label='办理照片' />
        </View>
      ) : null}

      {calls.length ? (
        <View className='case__card'>
          <Text className='case__section-title'>一线呼叫（{calls.length}）</Text>
          {calls.map((call) => (
            <CallItem key={call.id} call={call} />
          ))}
        </View>
      ) : null}

      <View className='case__card'>
        <Text className='case__section-title'>办理过程</Text>
        <Timeline items={logToTimeline(log)} />
      </View>
    </View>
  )
}
