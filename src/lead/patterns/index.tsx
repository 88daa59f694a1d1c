import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import { useElderClass } from '@/components/ElderMode'
import { callApi } from '@/services/cloud'
import { Empty, ErrorBox, Loading, Tabs, openDrill, useLoad } from '../stats/ui'
import '../stats/ui.scss'

interface Assignment { deptId: string; deptName: string; phase: 'before' | 'during' | 'after'; duty: string }
interface Proposal { patternId: string; title: string; categoryCode: string; area: unknown; assignments: Assignment[] }
interface Pattern {
  id: string; categoryCode: string; categoryName: string; cell: string; streetName?: string; communityName?: string; reports: number; days: number; weeks: number;
  firstDay: string; lastDay: string; depts: Array<{ deptId: string; name: string; reports: number }>; needsRule: boolean; proposal?: Proposal; adoptedRuleId?: string
}
interface Answer { period: { kind: string; from: string; to: string; label: string }; patterns: Pattern[] }

const PHASE: Record<Assignment['phase'], string> = { before: '事前', during: '事中', after: '事后' }
const PERIODS: Array<{ kind: 'week' | 'month' | 'halfYear'; label: string }> = [{ kind: 'week', label: '周' }, { kind: 'month', label: '月' }, { kind: 'halfYear', label: '半年' }]

function RuleEditor({ p, onAdopted }: { p: Pattern; onAdopted: (id: string) => void }) {
  const [title, setTitle] = useState(p.proposal!.title)
  const [rows, setRows] = useState(p.proposal!.assignments)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const adopt = async () => {
    setBusy(true)
    setError(null)
    try {
      const rule = await callApi<{ _id: string; active: boolean }>('stats.adoptRule', {
        patternId: p.id,
        rule: { title, categoryCode: p.proposal!.categoryCode, area: p.proposal!.area, assignments: rows.map(({ deptId, phase, duty }) => ({ deptId, phase, duty })) },
      })
      onAdopted(rule._id)
      // a leader's adoption is a proposal until the command centre adopts it
      void Taro.showToast({ title: rule.active ? '已建立长效机制' : '已提交建议，待指挥中心采纳', icon: rule.active ? 'success' : 'none' })
    } catch (err) {
      setError((err as Error).message || '提交失败')
    } finally {
      setBusy(false)
    }
  }
  return (
    <View>
      <Text className='an-note'>建议建立长效机制（可修改后采纳）</Text>
      <Input className='an-input' value={title} onInput={(e) => setTitle(e.detail.value)} />
      {rows.map((a, i) => (
        <View key={`${a.phase}-${a.deptId}`} className='an-row'>
          <Text style={{ width: '90px' }}>{PHASE[a.phase]}</Text>
          <Text className='an-row__name'>{a.deptName}</Text>
          <Input className='an-input' value={a.duty} onInput={(e) => setRows(rows.map((r, j) => (j === i ? { ...r, duty: e.detail.value } : r)))} />
        </View>
      ))}
      {error && <Text className='an-note'>{error}</Text>}
      <View className='an-btn' onClick={busy ? undefined : adopt}><Text>{busy ? '正在提交…' : '采纳为长效机制'}</Text></View>
    </View>
  )
}

/** 共性问题: recurring problems (same category, same small area, recurring), ranked; proposals a leader can edit and adopt. */
export default function PatternsPage() {
  const [period, setPeriod] = useState<'week' | 'month' | 'halfYear'>('halfYear')
  const [adopted, setAdopted] = useState<Record<string, string>>({})
  const { state, reload } = useLoad(() => callApi<Answer>('stats.patterns', { period }), [period])
  return (
    <View className={`an-page ${useElderClass()}`}>
      <Tabs items={PERIODS} value={period} onChange={setPeriod} />
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorBox message={state.message} code={state.code} onRetry={reload} />}
      {state.status === 'ready' && state.data.patterns.length === 0 && <Empty text='本期未发现反复出现的问题' />}
      {state.status === 'ready' && state.data.patterns.map((p, i) => {
        const ruleId = adopted[p.id] ?? p.adoptedRuleId
        return (
          <View key={p.id} className='an-card'>
            <View className='an-card__title'>
              <Text>{i + 1}. {p.communityName ?? p.streetName ?? ''}{p.categoryName}</Text>
              <Text className='an-card__hint' onClick={() => openDrill({ metric: 'reported', period: 'custom', from: state.data.period.from, to: state.data.period.to, cell: p.cell, categoryCode: p.categoryCode })}>{p.reports}件 ›</Text>
            </View>
            <Text className='an-note'>{`${p.firstDay} 至 ${p.lastDay}，${p.days}天出现，跨${p.weeks}周`}</Text>
            <Text className='an-note'>{`\n涉及部门：${p.depts.map((d) => `${d.name}(${d.reports})`).join('、') || '—'}`}</Text>
            {ruleId && <Text className='an-note'>{'\n'}已建立长效机制，后续来件按规则派遣。</Text>}
            {!ruleId && p.proposal && <RuleEditor p={p} onAdopted={(id) => setAdopted((a) => ({ ...a, [p.id]: id }))} />}
          </View>
        )
      })}
    </View>
  )
}
