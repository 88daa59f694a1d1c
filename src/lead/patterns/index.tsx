import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Input, Picker, Text, View } from '@tarojs/components'
import { loadBootstrap } from '@/services/meta'
import type { ApiInput, Bootstrap, Overlap, Pattern, PatternAssignment as Assignment } from '@domain/contract'
import { BUSINESS_OFFSET_MS } from '@domain/common/business-time'
import { ruleAssignments } from '@domain/org/org-schema'
import { useElderClass } from '@/components/ElderMode'
import { callApi } from '@/services/cloud'
import { EmptyState, LoadGate } from '@/staff/ui'
import { useLoad } from '@/staff/use-load'
import { useSubmit } from '@/staff/use-send'
import { Tabs, openDrill } from '../stats/analysis'


const PHASE: Record<Assignment['phase'], string> = { before: '事前', during: '事中', after: '事后' }
const PHASES: Array<Assignment['phase']> = ['before', 'during', 'after']
const PERIODS: Array<{ kind: 'week' | 'month' | 'halfYear'; label: string }> = [{ kind: 'week', label: '周' }, { kind: 'month', label: '月' }, { kind: 'halfYear', label: '半年' }]

type AreaChoice = 'block' | 'community' | 'street'

function todayStr(): string {
  return new Date(Date.now() + BUSINESS_OFFSET_MS).toISOString().slice(0, 10)
}

/**
 * Adopting a proposed rule opens an editable draft (title, category, area, the departments and duties of 事前/事中/事后,
 * start date). Before anything is written it shows the rules in force the draft overlaps and asks for a choice:
 * replace them (they end when this one starts), narrow the area, or cancel.
 */
function RuleDraft({ p, boot, onAdopted, onCancel }: { p: Pattern; boot: Bootstrap; onAdopted: (id: string) => void; onCancel: () => void }) {
  const proposal = p.proposal!
  const [title, setTitle] = useState(proposal.title)
  const [categoryCode, setCategory] = useState(proposal.categoryCode)
  const [areaChoice, setAreaChoice] = useState<AreaChoice>('block')
  const [from, setFrom] = useState(todayStr())
  const [rows, setRows] = useState<Record<Assignment['phase'], { deptId: string; duty: string }>>(() => {
    const pick = (ph: Assignment['phase']) => proposal.assignments.find((a) => a.phase === ph)
    return Object.fromEntries(PHASES.map((ph) => [ph, { deptId: pick(ph)?.deptId ?? '', duty: pick(ph)?.duty ?? '' }])) as Record<Assignment['phase'], { deptId: string; duty: string }>
  })
  const [overlaps, setOverlaps] = useState<Overlap[] | null>(null)
  const { busy, error, setError, submit } = useSubmit()

  const baseArea = proposal.area as { streetId?: string; polygon?: unknown } | undefined
  const communityId = boot.communities.find((c) => c.name === p.communityName)?._id
  const area = areaChoice === 'street' ? { streetId: baseArea?.streetId } : areaChoice === 'community' && communityId ? { communityId } : baseArea
  const AREAS: Array<{ kind: AreaChoice; label: string }> = [
    { kind: 'block', label: '问题区块' },
    ...(communityId ? [{ kind: 'community' as const, label: p.communityName ?? '社区' }] : []),
    ...(baseArea?.streetId ? [{ kind: 'street' as const, label: p.streetName ?? '街镇' }] : []),
  ]
  const depts = boot.departments.filter((d) => d.kind !== 'command')
  const deptNames = ['不设', ...depts.map((d) => d.fullName ?? d.name)]

  const payload = (onOverlap?: 'replace') => ({
    patternId: p.id,
    rule: {
      title: title.trim(),
      categoryCode,
      area,
      from,
      assignments: PHASES.filter((ph) => rows[ph].deptId).map((ph) => ({ phase: ph, deptId: rows[ph].deptId, duty: rows[ph].duty.trim() })),
    },
    ...(onOverlap ? { onOverlap } : {}),
  })

  const check = async () => {
    setError('')
    const missing = PHASES.find((ph) => rows[ph].deptId && !rows[ph].duty.trim())
    if (!title.trim()) return setError('请填写规则名称')
    if (missing) return setError(`请填写${PHASE[missing]}的职责`)
    // what a standing rule must name (1–12 departments, one for 事中): the domain's one rule
    const assigned = ruleAssignments.safeParse(payload().rule.assignments)
    if (!assigned.success) return setError(assigned.error.issues[0]?.message ?? '请检查各阶段的责任部门')
    await submit(async () => {
      const res = await callApi('admin.rules.overlaps', { categoryCode, area, from } as ApiInput<'admin.rules.overlaps'>)
      setOverlaps(res.overlaps)
    }, '检查失败')
  }

  const adopt = async (onOverlap?: 'replace') => {
    await submit(async () => {
      const rule = await callApi('stats.adoptRule', payload(onOverlap) as ApiInput<'stats.adoptRule'>)
      onAdopted(rule._id)
      void Taro.showToast({ title: rule.active ? (rule.replaced?.length ? '已采纳，原规则已终止' : '已建立长效机制') : '已提交建议，待指挥中心采纳', icon: rule.active ? 'success' : 'none' })
    }, '提交失败')
  }

  return (
    <View className='an-draft'>
      <Text className='an-draft__title'>长效机制草案（可修改后采纳）</Text>
      <Text className='an-label'>名称</Text>
      <Input className='an-input' ariaLabel='规则名称' value={title} onInput={(e) => { setTitle(e.detail.value); setOverlaps(null) }} />
      <Text className='an-label'>问题类型</Text>
      <Picker mode='selector' range={boot.categories.map((c) => c.name)} value={Math.max(0, boot.categories.findIndex((c) => c.code === categoryCode))} onChange={(e) => { setCategory(boot.categories[Number(e.detail.value)].code); setOverlaps(null) }}>
        <View className='an-select' ariaRole='button' ariaLabel='问题类型'><Text>{boot.categories.find((c) => c.code === categoryCode)?.name ?? categoryCode}</Text><Text className='an-select__more'>更改</Text></View>
      </Picker>
      <Text className='an-label'>适用区域</Text>
      <Tabs items={AREAS} value={areaChoice} onChange={(k) => { setAreaChoice(k); setOverlaps(null) }} />
      {PHASES.map((ph) => (
        <View key={ph} className='an-phase'>
          <Text className='an-label'>{PHASE[ph]}责任部门</Text>
          <Picker mode='selector' range={deptNames} value={Math.max(0, depts.findIndex((d) => d._id === rows[ph].deptId) + 1)} onChange={(e) => { const i = Number(e.detail.value); setRows({ ...rows, [ph]: { ...rows[ph], deptId: i === 0 ? '' : depts[i - 1]._id } }); setOverlaps(null) }}>
            <View className='an-select' ariaRole='button' ariaLabel={`${PHASE[ph]}责任部门`}><Text>{rows[ph].deptId ? deptNames[depts.findIndex((d) => d._id === rows[ph].deptId) + 1] ?? rows[ph].deptId : '不设'}</Text><Text className='an-select__more'>更改</Text></View>
          </Picker>
          {rows[ph].deptId ? <Input className='an-input' ariaLabel={`${PHASE[ph]}职责`} placeholder='职责，如 环保监督' value={rows[ph].duty} onInput={(e) => setRows({ ...rows, [ph]: { ...rows[ph], duty: e.detail.value } })} /> : null}
        </View>
      ))}
      <Text className='an-label'>生效日期</Text>
      <Picker mode='date' value={from} start={todayStr()} onChange={(e) => { setFrom(String(e.detail.value)); setOverlaps(null) }}>
        <View className='an-select' ariaRole='button' ariaLabel='生效日期'><Text className='an-num'>{from}</Text><Text className='an-select__more'>更改</Text></View>
      </Picker>
      {error && <Text className='an-error'>{error}</Text>}
      {overlaps === null ? (
        <View className='an-draft__actions'>
          <View className='an-btn an-btn--ghost' onClick={onCancel}><Text>取消</Text></View>
          <View className='an-btn' ariaRole='button' ariaLabel='检查并采纳' onClick={busy ? undefined : check}><Text>{busy ? '正在检查…' : '检查并采纳'}</Text></View>
        </View>
      ) : overlaps.length === 0 ? (
        <View className='an-confirm'>
          <Text className='an-note'>未与生效中的长效机制重叠。确认后，{from === todayStr() ? '即刻' : `${from} 起`}按此规则派遣。</Text>
          <View className='an-draft__actions'>
            <View className='an-btn an-btn--ghost' onClick={() => setOverlaps(null)}><Text>返回修改</Text></View>
            <View className='an-btn' ariaRole='button' ariaLabel='确认采纳' onClick={busy ? undefined : () => adopt()}><Text>{busy ? '正在提交…' : '确认采纳'}</Text></View>
          </View>
        </View>
      ) : (
        <View className='an-confirm an-confirm--warn'>
          <Text className='an-confirm__title'>与以下生效中的规则重叠，请选择：</Text>
          {overlaps.map((o) => (
            <View key={o._id} className='an-overlap'>
              <Text className='an-overlap__name'>「{o.title}」· {o.areaName}</Text>
              {o.assignments.map((a, i) => <Text key={i} className='an-note'>{`${PHASE[a.phase]}：${a.deptName}（${a.duty}）`}</Text>)}
            </View>
          ))}
          <View className='an-btn' ariaRole='button' ariaLabel='替换原规则' onClick={busy ? undefined : () => adopt('replace')}><Text>{busy ? '正在提交…' : '替换原规则（原规则终止）'}</Text></View>
          <View className='an-btn an-btn--ghost' ariaRole='button' ariaLabel='缩小适用区域' onClick={() => { setOverlaps(null); setError('请在“适用区域”中选择更小的范围后重新检查') }}><Text>缩小适用区域</Text></View>
          <View className='an-btn an-btn--ghost' ariaRole='button' ariaLabel='取消采纳' onClick={onCancel}><Text>取消</Text></View>
        </View>
      )}
    </View>
  )
}

/** 共性问题: recurring problems (same category, same small area, recurring), ranked; proposals a leader can edit and adopt. */
export default function PatternsPage() {
  const [period, setPeriod] = useState<'week' | 'month' | 'halfYear'>('halfYear')
  const [adopted, setAdopted] = useState<Record<string, string>>({})
  const [drafting, setDrafting] = useState<string | null>(null)
  const { state, reload } = useLoad(async () => {
    const [answer, boot] = await Promise.all([callApi('stats.patterns', { period }), loadBootstrap()])
    return { ...answer, boot }
  }, [period])
  return (
    <View className={`an-page ${useElderClass()}`}>
      <Tabs items={PERIODS} value={period} onChange={setPeriod} />
      <LoadGate state={state} onRetry={reload} />
      {state.status === 'ready' && state.data.patterns.length === 0 && <EmptyState inline title='本期未发现反复出现的问题' />}
      {state.status === 'ready' && state.data.patterns.map((p, i) => {
        const ruleId = adopted[p.id] ?? p.adoptedRuleId
        return (
          <View key={p.id} className='an-card'>
            <View className='an-card__title'>
              <Text>{i + 1}. {p.communityName ?? p.streetName ?? ''}{p.categoryName}</Text>
              <Text className='an-card__hint' onClick={() => openDrill({ metric: 'reported', period: 'custom', from: state.data.period.from, to: state.data.period.to, cell: p.cell, categoryCode: p.categoryCode })}>{p.reports}件 ›</Text>
            </View>
            <Text className='an-note'><Text className='an-num'>{p.firstDay}</Text> 至 <Text className='an-num'>{p.lastDay}</Text>{`，${p.days}天出现，跨${p.weeks}周`}</Text>
            <Text className='an-note'>{`\n涉及部门：${p.depts.map((d) => `${d.name}(${d.reports})`).join('、') || '—'}`}</Text>
            {ruleId && <Text className='an-note'>{'\n'}已建立长效机制，后续来件按规则派遣。</Text>}
            {!ruleId && p.proposal && drafting !== p.id && (
              <View>
                <Text className='an-note'>{`\n建议：${p.proposal.assignments.map((a) => `${PHASE[a.phase]}${a.deptName}（${a.duty}）`).join('；')}`}</Text>
                <View className='an-btn' ariaRole='button' ariaLabel={`采纳 ${p.proposal.title}`} onClick={() => setDrafting(p.id)}><Text>采纳为长效机制…</Text></View>
              </View>
            )}
            {!ruleId && p.proposal && drafting === p.id && (
              <RuleDraft p={p} boot={state.data.boot} onCancel={() => setDrafting(null)} onAdopted={(id) => { setAdopted((a) => ({ ...a, [p.id]: id })); setDrafting(null) }} />
            )}
          </View>
        )
      })}
    </View>
  )
}
