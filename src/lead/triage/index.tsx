import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Input, Text, Textarea, View } from '@tarojs/components'
import { callApi } from '@/services/cloud'
import { useElderClass } from '@/components/ElderMode'
import { waitLevel } from '@domain/stats/stats-targets'
import {
  closeInvalidInput,
  dispatchInput,
  markDuplicateInput,
  rerouteInput,
  verifyInput,
} from '@domain/case/case-schema'
import { parseInput } from '@domain/common/schema-parts'
import { CASE_EVENT_LABELS } from '@domain/case/case-events'
import { loadBootstrap } from '@/services/meta'
import type { ApiInput, Bootstrap, CaseDetail, CaseView } from '@domain/contract'
import { age, dayTime } from '@/staff/format'
import { EmptyState, LoadGate, PhotoRow, TabBar } from '@/staff/ui'
import { useLoad, usePullDownReload } from '@/staff/use-load'
import { useSubmit } from '@/staff/use-send'
import './index.scss'

export type TriageTab = 'triage' | 'returned' | 'verify' | 'review'
export const TRIAGE_TABS: { key: TriageTab; label: string; empty: string }[] = [
  { key: 'triage', label: '待分派', empty: '没有待人工分派的事项' },
  { key: 'returned', label: '已退单', empty: '没有待改派的退单' },
  { key: 'verify', label: '待核查', empty: '没有待核查的办结事项' },
  { key: 'review', label: '内容待审', empty: '没有待审核内容的事项' },
]

type ActionKind = 'dispatch' | 'reroute' | 'verify' | 'markDuplicate' | 'closeInvalid'
const ACTIONS: ActionKind[] = ['dispatch', 'reroute', 'verify', 'markDuplicate', 'closeInvalid']
const ACTION_LABELS: Record<ActionKind, string> = {
  dispatch: '分派街镇',
  reroute: '改派',
  verify: '核查',
  markDuplicate: '合并重复件',
  closeInvalid: '作废',
}

/** 指挥中心: manual dispatch, returned cases, verification and content review. */
export default function TriagePage() {
  const elder = useElderClass()
  const [tab, setTab] = useState<TriageTab>('triage')
  const [open, setOpen] = useState<string | null>(null)
  const { state, reload } = useLoad(() => callApi('case.triage', { tab }), [tab])

  usePullDownReload(reload)
  const counts = state.status === 'ready' ? state.data.counts : {}
  const current = TRIAGE_TABS.find((t) => t.key === tab)!

  return (
    <View className={`lv-page ${elder}`}>
      <TabBar
        tabs={TRIAGE_TABS.map((t) => ({ key: t.key, label: t.label, count: counts[t.key] }))}
        value={tab}
        onChange={(k) => {
          setTab(k)
          setOpen(null)
        }}
      />

      <LoadGate state={state} onRetry={reload} />
      {state.status === 'ready' && state.data.items.length === 0 && <EmptyState title={current.empty} desc='下拉可刷新' />}
      {state.status === 'ready' &&
        state.data.items.map((item) => (
          <View className={`lv-card triage-item triage-item--${waitLevel(item.createdAt, Date.now())}`} key={item.id}>
            <View
              ariaRole='button'
              ariaLabel={`${item.categoryName}，${open === item.id ? '收起' : '展开处理'}`}
              onClick={() => setOpen(open === item.id ? null : item.id)}
            >
              <View className='lv-between'>
                <Text className='lv-title'>{item.categoryName}</Text>
                <Text className='lv-tag'>{item.stateLabel}</Text>
              </View>
              {waitLevel(item.createdAt, Date.now()) !== 'ok' ? (
                <Text className={`lv-tag triage-wait triage-wait--${waitLevel(item.createdAt, Date.now())}`}>已等待 {age(item.createdAt)}</Text>
              ) : null}
              <Text className='lv-text'>{item.description}</Text>
              <Text className='lv-muted'>
                {[item.streetName, `受理 ${dayTime(item.createdAt)}`, `已历时 ${age(item.createdAt)}`].filter(Boolean).join(' · ')}
              </Text>
              {item.latest ? <Text className='lv-muted'>最新：{item.latest.what}</Text> : null}
            </View>
            {open === item.id ? (
              <Detail
                caseId={item.id}
                onDone={() => {
                  setOpen(null)
                  void reload()
                }}
              />
            ) : null}
          </View>
        ))}
    </View>
  )
}

interface Loaded {
  view: CaseDetail
  boot: Bootstrap
}

function Detail({ caseId, onDone }: { caseId: string; onDone: () => unknown }) {
  const { state, reload } = useLoad<Loaded>(async () => {
    const [view, boot] = await Promise.all([callApi('case.get', { caseId }), loadBootstrap()])
    return { view, boot }
  }, [caseId])
  const [action, setAction] = useState<ActionKind | null>(null)

  if (state.status !== 'ready') return <LoadGate state={state} onRetry={reload} loadingText='正在读取详情…' />
  const { case: c } = state.data.view
  const boot = state.data.boot
  const streetName = (id?: string) => boot.streets.find((s) => s._id === id)?.name ?? id ?? '指挥中心'
  const actions = ACTIONS.filter((a) => c.available.includes(a))

  return (
    <View className='triage-detail'>
      <PhotoRow photos={c.photos} label='群众照片' />
      {c.location ? <Text className='lv-muted'>地点：{c.location.address}</Text> : <Text className='lv-muted'>无可用定位</Text>}
      {c.returnInfo ? <Text className='lv-note'>退单原因：{c.returnInfo.reason}（{dayTime(c.returnInfo.at)}）</Text> : null}
      {c.routing?.length ? (
        <View className='lv-field'>
          <Text className='lv-label'>流转记录（{c.routing.length}次）</Text>
          {c.routing.map((hop, i) => (
            <Text className='lv-muted' key={`${hop.at}-${i}`}>
              {i + 1}. {dayTime(hop.at)} → {hop.decision.target === 'triage' ? '指挥中心' : streetName(hop.decision.streetId)}：{hop.decision.reason}
            </Text>
          ))}
        </View>
      ) : null}
      {c.flags?.review ? (
        <Text className='lv-note'>内容审核：{c.flags.review.suggest === 'risky' ? '疑似违规' : '需人工复核'}{c.flags.review.label ? `（${c.flags.review.label}）` : ''}</Text>
      ) : null}
      {c.resolution ? (
        <View className='lv-field'>
          <Text className='lv-label'>办理结果</Text>
          <Text className='lv-text'>{c.resolution.result}</Text>
          <Text className='lv-muted'>{dayTime(c.resolution.at)}</Text>
          <PhotoRow photos={c.resolution.photos} label='办结照片' />
        </View>
      ) : null}

      {actions.length === 0 ? <Text className='lv-muted'>当前没有可执行的操作</Text> : null}
      <View className='lv-row lv-field'>
        {actions.map((a) => (
          <View
            key={a}
            className={`lv-chip ${action === a ? 'lv-chip--on' : ''}`}
            ariaRole='button'
            ariaLabel={ACTION_LABELS[a]}
            onClick={() => setAction(action === a ? null : a)}
          >
            <Text>{ACTION_LABELS[a]}</Text>
          </View>
        ))}
      </View>
      {action ? <ActionForm kind={action} c={c} boot={boot} onDone={onDone} /> : null}
    </View>
  )
}

function ActionForm(props: { kind: ActionKind; c: CaseView; boot: Bootstrap; onDone: () => unknown }) {
  const { kind, c, boot, onDone } = props
  const [streetId, setStreetId] = useState('')
  const [communityId, setCommunityId] = useState('')
  const [reason, setReason] = useState('')
  const [pass, setPass] = useState<boolean | null>(null)
  const [masterId, setMasterId] = useState('')
  const { busy, error, setError, submit: send } = useSubmit()

  const base = { caseId: c.id, expectedVersion: c.version }
  const payload = (): { ok: true; data: unknown } | { ok: false; message: string } => {
    const r = reason.trim()
    switch (kind) {
      case 'dispatch':
        return parseInput(dispatchInput, { ...base, streetId, communityId: communityId || undefined, reason: r })
      case 'reroute':
        return parseInput(rerouteInput, { ...base, streetId, communityId: communityId || undefined, reason: r })
      case 'verify':
        if (pass === null) return { ok: false, message: '请选择核查结果' }
        return parseInput(verifyInput, { ...base, pass, note: r || undefined })
      case 'markDuplicate':
        return parseInput(markDuplicateInput, { ...base, masterId: masterId.trim(), reason: r })
      case 'closeInvalid':
        return parseInput(closeInvalidInput, { ...base, reason: r })
    }
  }

  const submit = async () => {
    if (busy) return
    const p = payload()
    if (!p.ok) {
      setError(p.message)
      return
    }
    await send(async () => {
      await callApi(`case.${kind}`, p.data as ApiInput<`case.${ActionKind}`>)
      void Taro.showToast({ title: `已${CASE_EVENT_LABELS[kind]}`, icon: 'success' })
      await onDone()
    }, '提交失败，请重试')
  }

  const reasonLabel: Record<ActionKind, string> = {
    dispatch: '分派说明',
    reroute: '改派原因',
    verify: pass === false ? '核查意见（必填）' : '核查意见（选填）',
    markDuplicate: '合并原因',
    closeInvalid: '作废原因',
  }

  return (
    <View className='triage-form'>
      {(kind === 'dispatch' || kind === 'reroute') && (
        <View className='lv-field'>
          <Text className='lv-label'>街镇</Text>
          <View className='lv-row'>
            {boot.streets.map((s) => (
              <View
                key={s._id}
                className={`lv-chip ${s._id === streetId ? 'lv-chip--on' : ''}`}
                ariaRole='button'
                ariaLabel={`街镇 ${s.name}`}
                onClick={() => {
                  setStreetId(s._id)
                  setCommunityId('')
                }}
              >
                <Text>{s.name}</Text>
              </View>
            ))}
          </View>
          {streetId ? (
            <View>
              <Text className='lv-label'>社区（选填）</Text>
              <View className='lv-row'>
                {boot.communities
                  .filter((m) => m.streetId === streetId)
                  .map((m) => (
                    <View
                      key={m._id}
                      className={`lv-chip ${m._id === communityId ? 'lv-chip--on' : ''}`}
                      ariaRole='button'
                      ariaLabel={`社区 ${m.name}`}
                      onClick={() => setCommunityId(m._id === communityId ? '' : m._id)}
                    >
                      <Text>{m.name}</Text>
                    </View>
                  ))}
              </View>
            </View>
          ) : null}
        </View>
      )}
      {kind === 'verify' && (
        <View className='lv-field lv-row'>
          {[
            [true, '核查通过'],
            [false, '核查不通过（返工）'],
          ].map(([v, label]) => (
            <View
              key={String(v)}
              className={`lv-chip ${pass === v ? 'lv-chip--on' : ''}`}
              ariaRole='button'
              ariaLabel={label as string}
              onClick={() => setPass(v as boolean)}
            >
              <Text>{label as string}</Text>
            </View>
          ))}
        </View>
      )}
      {kind === 'markDuplicate' && (
        <View className='lv-field'>
          <Text className='lv-label'>主事项编号</Text>
          <Input className='lv-input' ariaLabel='主事项编号' placeholder='如 GL20261117-AB12C' value={masterId} onInput={(e) => setMasterId(e.detail.value)} />
          <Text className='lv-muted'>填写先受理的同一问题的事项编号，本事项将作为重复件关闭并关联到该事项。</Text>
        </View>
      )}
      <View className='lv-field'>
        <Text className='lv-label'>{reasonLabel[kind]}</Text>
        <Textarea className='lv-textarea' ariaLabel={reasonLabel[kind]} value={reason} maxlength={300} onInput={(e) => setReason(e.detail.value)} />
      </View>
      {error ? (
        <View role='alert'>
          <Text className='lv-error'>{error}</Text>
        </View>
      ) : null}
      <View className='lv-actions'>
        <View className={`btn-primary ${busy ? 'btn-disabled' : ''}`} hoverClass='btn-primary--hover' ariaRole='button' ariaLabel={`确认${ACTION_LABELS[kind]}`} onClick={() => void submit()}>
          <Text>{busy ? '正在提交…' : `确认${ACTION_LABELS[kind]}`}</Text>
        </View>
      </View>
    </View>
  )
}
