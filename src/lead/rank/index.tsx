import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { callApi } from '@/services/cloud'
import { useElderClass } from '@/components/ElderMode'
import { pct } from '@/staff/format'
import { EmptyState, LoadGate } from '@/staff/ui'
import { useLoad } from '@/staff/use-load'
import { HBars, Tabs, openCsv } from '../stats/analysis'
import { BUSINESS_OFFSET_MS } from '@domain/common/business-time'

type Kind = 'dept' | 'person' | 'street'

const KINDS: Array<{ kind: Kind; label: string }> = [{ kind: 'dept', label: '部门' }, { kind: 'person', label: '个人' }, { kind: 'street', label: '街镇' }]
const PER: Array<{ kind: 'month' | 'year'; label: string }> = [{ kind: 'month', label: '月度' }, { kind: 'year', label: '年度' }]

function shift(key: string, by: number): string {
  if (key.length === 4) return String(Number(key) + by)
  const [y, m] = key.split('-').map(Number)
  const t = y * 12 + (m - 1) + by
  return `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`
}
function thisMonth(): string {
  const d = new Date(Date.now() + BUSINESS_OFFSET_MS)
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`
}

/** 考核排名: monthly / yearly scores per department, person (经办人、分管、主责) and street (呼叫准确率). */
export default function RankPage() {
  const [kind, setKind] = useState<Kind>('dept')
  const [period, setPeriod] = useState<'month' | 'year'>('month')
  const [key, setKey] = useState(thisMonth())
  const [open, setOpen] = useState<string | null>(null)
  const k = period === 'year' ? key.slice(0, 4) : key.length === 4 ? `${key}-12` : key
  const { state, reload } = useLoad(() => callApi('stats.scores', { period, key: k, kind }), [period, k, kind])

  const exportCsv = async () => {
    try {
      await openCsv(await callApi('stats.exportCsv', { what: 'scores', scoreKey: k, scorePeriod: period, kind }))
    } catch (err) {
      void Taro.showToast({ title: (err as Error).message || '导出失败', icon: 'none' })
    }
  }

  return (
    <View className={`an-page ${useElderClass()}`}>
      <Tabs items={KINDS} value={kind} onChange={setKind} />
      <Tabs items={PER} value={period} onChange={(p) => { setPeriod(p); setKey(p === 'year' ? k.slice(0, 4) : `${k.slice(0, 4)}-${thisMonth().slice(5)}`) }} />
      <View className='an-card'>
        <View className='an-card__title'>
          <Text onClick={() => setKey(shift(k, -1))}>‹</Text>
          <Text>{period === 'year' ? `${k}年` : `${k.slice(0, 4)}年${Number(k.slice(5))}月`}</Text>
          <Text onClick={() => setKey(shift(k, 1))}>›</Text>
        </View>
        <LoadGate state={state} onRetry={reload} inline />
        {state.status === 'ready' && (state.data.rows.length === 0 ? <EmptyState inline title='本期暂无考核记录' /> : (
          <View>
            <HBars
              legend='考核得分（前10名，点按查看明细）'
              rows={state.data.rows.slice(0, 10).map((r) => ({ key: r.subjectKey, label: `${r.rank}. ${r.name}${r.post ? ` · ${r.post}` : ''}`, value: r.score }))}
              onTap={(r) => setOpen(r.key)}
            />
            {state.data.rows.map((r) => (
              <View key={r.subjectKey}>
                <View className='an-row' onClick={() => setOpen(open === r.subjectKey ? null : r.subjectKey)}>
                  <Text className='an-row__num' style={{ width: '60px', textAlign: 'left' }}>{r.rank}</Text>
                  <Text className='an-row__name'>{r.name}{r.post ? ` · ${r.post}` : ''}{r.unitName ? ` · ${r.unitName}` : ''}</Text>
                  {kind === 'street' && <Text className='an-row__num an-num'>{pct(r.accuracyRate)}</Text>}
                  <Text className='an-row__num an-row__num--strong an-num'>{r.score}</Text>
                </View>
                {open === r.subjectKey && (
                  <View className='an-note'>
                    <Text>{`${r.calls}次呼叫，${r.records}条考核记录，合计${r.points >= 0 ? '+' : ''}${r.points}分`}</Text>
                    {r.items.map((it) => <Text key={it.code}>{`\n${it.label} ×${it.n}：${it.points >= 0 ? '+' : ''}${it.points}`}</Text>)}
                  </View>
                )}
              </View>
            ))}
            <Text className='an-note'>{state.data.formula.text}</Text>
            <View className='an-btn an-btn--ghost' onClick={exportCsv}><Text>导出表格</Text></View>
          </View>
        ))}
      </View>
    </View>
  )
}
