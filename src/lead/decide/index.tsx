import { useMemo, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Input, Text, Textarea, View } from '@tarojs/components'
import { callApi } from '@/services/cloud'
import { useElderClass } from '@/components/ElderMode'
import { decideHardInput } from '@domain/case/case-schema'
import { parseInput } from '@domain/common/schema-parts'
import { DAY_MS, HOUR_MS, startOfBusinessDay } from '@domain/common/business-time'
import type { CaseRecord } from '@domain/case/case-types'
import { loadBootstrap } from '@/services/meta'
import type { Bootstrap, CaseDetail, CaseView, StaffItem } from '@domain/contract'
import { dayTime, deptLabel, fromPickers, pickerParts, unitLabel } from '@/staff/format'
import { DateTimePickers, ErrorState, LoadGate, PhotoRow, Timeline, logToTimeline } from '@/staff/ui'
import { useLoad } from '@/staff/use-load'
import { useSubmit } from '@/staff/use-send'

type CaseGet = CaseDetail
interface Loaded {
  view: CaseGet
  onDuty: boolean
  boot: Bootstrap
}

/** Default deadline: the case's own if still ahead, otherwise three days from now at 18:00. */
export function defaultDeadline(c: Pick<CaseRecord, 'clocks'>, now = Date.now()): number {
  const d = c.clocks?.deadline
  if (d && d > now) return d
  return startOfBusinessDay(now) + 3 * DAY_MS + 18 * HOUR_MS
}

/** 疑难件研判: case summary and timeline; the on-duty leader names department, person, deadline. */
export default function DecidePage() {
  const elder = useElderClass()
  const caseId = useRouter().params.id ?? ''
  const { state, reload } = useLoad<Loaded>(async () => {
    const [view, board, boot] = await Promise.all([
      callApi('case.get', { caseId }),
      callApi('lead.board', { scope: 'mine' }),
      loadBootstrap(),
    ])
    return { view, onDuty: board.onDuty, boot }
  }, [caseId])

  return (
    <View className={`lv-page ${elder}`}>
      {!caseId && <ErrorState message='缺少事项编号' code='MISSING_ID' />}
      {caseId ? <LoadGate state={state} onRetry={reload}>{(data) => <Decide data={data} onDone={reload} />}</LoadGate> : null}
    </View>
  )
}

function Decide({ data, onDone }: { data: Loaded; onDone: () => unknown }) {
  const [reopen, setReopen] = useState(false)
  const c = data.view.case
  const hard = c.flags?.hard
  const decision = hard?.decision
  const canDecide = data.onDuty && c.available.includes('decideHard')
  const why = !data.onDuty
    ? '您今天不在巡查轮值班次，只有当日轮值领导可以研判疑难件。'
    : !c.available.includes('decideHard')
      ? `该事项当前为“${c.stateLabel}”，不能研判${hard ? '' : '（未标记为疑难件）'}。`
      : ''

  return (
    <View>
      <View className='lv-card'>
        <View className='lv-between'>
          <Text className='lv-title'>{c.categoryName}</Text>
          <Text className='lv-tag'>{c.stateLabel}</Text>
        </View>
        <Text className='lv-text decide__desc'>{c.description}</Text>
        <PhotoRow photos={c.photos} label='现场照片' />
        <View className='lv-row'>
          {c.streetName ? <Text className='lv-tag'>{[c.streetName, c.communityName].filter(Boolean).join(' ')}</Text> : null}
          {c.deptNames.map((d) => (
            <Text className='lv-tag lv-tag--brand' key={d}>
              {d}
            </Text>
          ))}
        </View>
        {c.location ? <Text className='lv-muted'>地点：{c.location.address}</Text> : null}
        {hard ? <Text className='lv-note'>疑难原因：{hard.reason}</Text> : null}
        <Text className='lv-muted'>
          受理 {dayTime(c.createdAt)} · 期限 {dayTime(c.clocks?.deadline)}
        </Text>
      </View>

      {decision ? (
        <View className='lv-card decide__decided'>
          <Text className='lv-title'>已研判</Text>
          <Text className='lv-text'>责任部门：{unitLabel(data.boot, decision.deptId)}</Text>
          <Text className='lv-text'>责任人：{decision.personName ?? decision.personId}</Text>
          <Text className='lv-text'>办理期限：{dayTime(decision.deadline)}</Text>
          {decision.note ? <Text className='lv-text'>研判意见：{decision.note}</Text> : null}
        </View>
      ) : null}

      {!decision || reopen ? (
        <DecideForm c={c} boot={data.boot} canDecide={canDecide} why={why} onDone={() => { setReopen(false); return onDone() }} />
      ) : canDecide ? (
        <View className='lv-actions'>
          <View className='btn-secondary' ariaRole='button' ariaLabel='调整研判' onClick={() => setReopen(true)}>
            <Text>调整研判</Text>
          </View>
        </View>
      ) : null}

      <Text className='lv-section-title'>办理记录</Text>
      <View className='lv-card'>
        <Timeline items={logToTimeline(data.view.log)} />
      </View>
    </View>
  )
}

function DecideForm(props: { c: CaseView; boot: Bootstrap; canDecide: boolean; why: string; onDone: () => unknown }) {
  const { c, boot, canDecide, why, onDone } = props
  const depts = useMemo(() => boot.departments.filter((d) => d.kind !== 'command'), [boot])
  const [query, setQuery] = useState('')
  const [deptId, setDeptId] = useState<string>(() => c.deptIds.find((id) => depts.some((d) => d._id === id)) ?? '')
  const [deadline, setDeadline] = useState<number>(() => defaultDeadline(c))
  const [note, setNote] = useState('')
  const [personId, setPersonId] = useState('')
  const { busy, error, setError, submit: send } = useSubmit()

  const staff = useLoad<StaffItem[]>(async () => (deptId ? callApi('staff.list', { deptId }) : []), [deptId])

  const selected = depts.find((d) => d._id === deptId)
  const [picking, setPicking] = useState(!selected)
  const shown = useMemo(() => {
    const q = query.trim()
    if (q) return depts.filter((d) => deptLabel(d).includes(q) || d.name.includes(q)).slice(0, 12)
    // without a search: the departments already involved first, then a few others
    const involved = depts.filter((d) => c.deptIds.includes(d._id))
    return [...involved, ...depts.filter((d) => !c.deptIds.includes(d._id))].slice(0, 8)
  }, [depts, query, c.deptIds])

  const submit = async () => {
    if (!canDecide || busy) return
    const parsed = parseInput(decideHardInput, {
      caseId: c.id,
      deptId,
      personId,
      deadline,
      note: note.trim() || undefined,
      expectedVersion: c.version,
    })
    if (!parsed.ok) {
      setError(parsed.message)
      return
    }
    if (deadline <= Date.now()) {
      setError('办理期限须晚于现在')
      return
    }
    await send(async () => {
      await callApi('case.decideHard', parsed.data)
      void Taro.showToast({ title: '已指定责任', icon: 'success' })
      await onDone()
    }, '提交失败，请重试')
  }

  return (
    <View className='lv-card decide__form'>
      <Text className='lv-title'>研判并指定责任</Text>

      <View className='lv-field'>
        <View className='lv-between'>
          <Text className='lv-label'>责任部门{selected ? `：${deptLabel(selected)}` : ''}</Text>
          {selected && !picking ? (
            <View className='lv-tag lv-tag--brand' ariaRole='button' ariaLabel='更换责任部门' onClick={() => setPicking(true)}>
              <Text>更换</Text>
            </View>
          ) : null}
        </View>
        {picking ? (
          <View>
            <Input
              className='lv-input'
              placeholder='搜索部门，如 市政所'
              ariaLabel='搜索责任部门'
              value={query}
              onInput={(e) => setQuery(e.detail.value)}
            />
            <View className='decide__depts'>
              {shown.map((d) => (
                <View
                  key={d._id}
                  className={`lv-list-item ${d._id === deptId ? 'lv-list-item--on' : ''}`}
                  ariaRole='button'
                  ariaLabel={`选择部门 ${deptLabel(d)}`}
                  onClick={() => {
                    setDeptId(d._id)
                    setPersonId('')
                    setPicking(false)
                    setQuery('')
                  }}
                >
                  <Text>{deptLabel(d)}</Text>
                  {d._id === deptId ? <Text>✓</Text> : null}
                </View>
              ))}
              {shown.length === 0 ? <Text className='lv-muted'>没有匹配的部门</Text> : null}
              {!query.trim() && depts.length > shown.length ? <Text className='lv-muted'>输入关键词查找其他部门</Text> : null}
            </View>
          </View>
        ) : null}
      </View>

      <View className='lv-field'>
        <Text className='lv-label'>责任人</Text>
        {!deptId && <Text className='lv-muted'>请先选择责任部门</Text>}
        {deptId && staff.state.status === 'loading' && <Text className='lv-muted'>正在读取人员…</Text>}
        {deptId && staff.state.status === 'error' && (
          <View className='lv-row'>
            <Text className='lv-muted'>{staff.state.message}</Text>
            <Text className='lv-chip' onClick={() => void staff.reload()}>
              重试
            </Text>
          </View>
        )}
        {deptId && staff.state.status === 'ready' && (
          <View className='lv-row'>
            {staff.state.data.length === 0 ? <Text className='lv-muted'>该部门还没有人员</Text> : null}
            {staff.state.data.map((s) => (
              <View
                key={s._id}
                className={`lv-chip ${s._id === personId ? 'lv-chip--on' : ''}`}
                ariaRole='button'
                ariaLabel={`选择责任人 ${s.name}`}
                onClick={() => setPersonId(s._id)}
              >
                <Text>{s.title ? `${s.name}（${s.title}）` : s.name}</Text>
              </View>
            ))}
          </View>
        )}
      </View>

      <View className='lv-field'>
        <Text className='lv-label'>办理期限</Text>
        <DateTimePickers
          {...pickerParts(deadline)}
          start={pickerParts(Date.now()).date}
          dateLabel='选择期限日期'
          timeLabel='选择期限时间'
          onChange={(next) => setDeadline(fromPickers(next.date, next.time))}
        />
      </View>

      <View className='lv-field'>
        <Text className='lv-label'>研判意见（选填）</Text>
        <Textarea
          className='lv-textarea'
          placeholder='如：由市政所牵头，五凤街道配合，11月30日前完成路灯安装'
          ariaLabel='研判意见'
          value={note}
          maxlength={500}
          onInput={(e) => setNote(e.detail.value)}
        />
      </View>

      {error ? <View role='alert'><Text className='lv-error'>{error}</Text></View> : null}
      {!canDecide && why ? <Text className='lv-note decide__why'>{why}</Text> : null}

      <View className='lv-actions'>
        <View
          className={`btn-primary ${canDecide && !busy ? '' : 'btn-disabled'}`}
          hoverClass={canDecide ? 'btn-primary--hover' : 'none'}
          ariaRole='button'
          ariaLabel={canDecide ? '确认研判' : `确认研判（不可用：${why}）`}
          onClick={() => void submit()}
        >
          <Text>{busy ? '正在提交…' : '确认研判'}</Text>
        </View>
      </View>
    </View>
  )
}
