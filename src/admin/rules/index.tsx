import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Input, Picker, Switch, Text, View } from '@tarojs/components'
import { ApiError } from '@/services/cloud'
import { callApi } from '@/services/cloud'
import { loadBootstrap } from '@/services/meta'
import type { Bootstrap } from '@domain/contract'
import { useElderClass } from '@/components/ElderMode'
import { PHASE_LABELS, type RulePhase, type StandingRule } from '@domain/org/org-types'
import type { RuleAssignment } from '@domain/routing/routing-types'
import './index.scss'
import { asList, deptLabel, errorText } from '@/staff/format'
import { Chips, Field, FormError, LoadGate, PrimaryButton, SecondaryButton, TextField } from '@/staff/ui'
import { useLoad } from '@/staff/use-load'
import { useSubmit } from '@/staff/use-send'
import '../admin.scss'
import { BUSINESS_OFFSET_MS } from '@domain/common/business-time'

/** A rule in force named by a RULE_OVERLAP refusal (`details.conflicts`, cloudfunctions/api/src/admin/rules.ts). */
interface OverlapConflict { _id: string; title?: string; area?: { streetId?: string; communityId?: string }; from?: string }
const conflictsOf = (details: unknown): OverlapConflict[] => {
  const list = (details as { conflicts?: unknown } | undefined)?.conflicts
  return Array.isArray(list) ? list.filter((c): c is OverlapConflict => !!c && typeof (c as OverlapConflict)._id === 'string') : []
}

const PHASES: RulePhase[] = ['before', 'during', 'after']

interface Loaded {
  rules: StandingRule[]
  boot: Bootstrap
}

/** 长效机制: category (+ area) → departments per phase 事前/事中/事后 → admin.rules.save */
export default function RulesPage() {
  const elder = useElderClass()
  const { state, reload } = useLoad<Loaded>(async () => {
    const [list, boot] = await Promise.all([callApi('admin.rules.list', {}), loadBootstrap()])
    return { rules: asList<StandingRule>(list), boot }
  })
  const [editing, setEditing] = useState<StandingRule | 'new' | null>(null)

  return (
    <View className={`lv-page ${elder}`}>
      <LoadGate state={state} onRetry={reload}>
        {({ rules, boot }) => {
          const catName = (code: string) => boot.categories.find((c) => c.code === code)?.name ?? code
          const deptName = (id: string) => {
            const d = boot.departments.find((x) => x._id === id)
            return d ? deptLabel(d) : id
          }
          const streetName = (id?: string) => boot.streets.find((s) => s._id === id)?.name
          return (
            <View>
              {editing ? (
                <RuleForm
                  rule={editing === 'new' ? null : editing}
                  boot={boot}
                  onCancel={() => setEditing(null)}
                  onSaved={() => {
                    setEditing(null)
                    void reload()
                  }}
                />
              ) : (
                <PrimaryButton text='新增长效机制' onClick={() => setEditing('new')} />
              )}
              {rules.length === 0 ? <Text className='lv-section-title'>还没有长效机制。分析发现的高频问题可以在这里固化责任。</Text> : null}
              {rules.map((r) => (
                <View
                  className='lv-card lv-card--tap'
                  key={r._id}
                  ariaRole='button'
                  ariaLabel={`编辑 ${r.title ?? catName(r.categoryCode)}`}
                  onClick={() => setEditing(r)}
                >
                  <View className='lv-between'>
                    <Text className='lv-title'>{r.title ?? catName(r.categoryCode)}</Text>
                    <Text className={`lv-tag ${r.active ? 'lv-tag--brand' : ''}`}>{r.active ? '生效中' : r.proposal ? '建议 · 待采纳' : '已停用'}</Text>
                  </View>
                  {!r.active && r.proposal ? <Text className='lv-muted'>{r.proposal.byName ?? '轮值领导'} 提出，打开后开启“生效”即可采纳</Text> : null}
                  <Text className='lv-muted'>
                    {catName(r.categoryCode)} · {streetName(r.area?.streetId) ?? '全区'}
                  </Text>
                  {r.assignments.map((a, i) => (
                    <Text className='lv-text' key={`${a.phase}-${i}`}>
                      {PHASE_LABELS[a.phase]}：{deptName(a.deptId)}（{a.duty}）
                    </Text>
                  ))}
                  <Text className='lv-muted rule-period'>生效期：{r.from ? fmtDay(r.from) : '—'} 至 {r.until ? fmtDay(r.until) : '长期'}</Text>
                  <History ruleId={r._id} />
                </View>
              ))}
            </View>
          )
        }}
      </LoadGate>
    </View>
  )
}

function fmtDay(at: number): string {
  return new Date(at + BUSINESS_OFFSET_MS).toISOString().slice(0, 10)
}
function fmtMinute(at: number): string {
  return new Date(at + BUSINESS_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ')
}

interface HistoryLine { at: number; by: string; what: string; changes: string[] }

/** 修改记录: who changed the rule, when and what (the admin audit log). */
function History({ ruleId }: { ruleId: string }) {
  const [open, setOpen] = useState(false)
  const [lines, setLines] = useState<HistoryLine[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const toggle = (e: { stopPropagation?: () => void }) => {
    e.stopPropagation?.()
    const next = !open
    setOpen(next)
    if (next && !lines) {
      setError(null)
      callApi('admin.rules.history', { ruleId }).then((r) => setLines(r.items), (err) => setError(errorText(err, '读取修改记录失败')))
    }
  }
  return (
    <View className='rule-history'>
      <View className='rule-history__toggle' ariaRole='button' ariaLabel={open ? '收起修改记录' : '查看修改记录'} onClick={toggle}><Text>{open ? '收起修改记录' : '修改记录 ›'}</Text></View>
      {open && !lines && !error ? <Text className='lv-muted'>正在读取…</Text> : null}
      {open && error ? <Text className='lv-muted'>{error}</Text> : null}
      {open && lines?.length === 0 ? <Text className='lv-muted'>暂无记录</Text> : null}
      {open && lines?.map((l, i) => (
        <Text className='lv-muted' key={i}>{`${fmtMinute(l.at)} · ${l.by}：${l.what}${l.changes.length ? `（${l.changes.join('、')}）` : ''}`}</Text>
      ))}
    </View>
  )
}

function RuleForm({ rule, boot, onSaved, onCancel }: { rule: StandingRule | null; boot: Bootstrap; onSaved: () => unknown; onCancel: () => void }) {
  const [title, setTitle] = useState(rule?.title ?? '')
  const [categoryCode, setCategory] = useState(rule?.categoryCode ?? '')
  const [streetId, setStreetId] = useState(rule?.area?.streetId ?? '')
  const [active, setActive] = useState(rule?.active ?? true)
  const [assign, setAssign] = useState<Record<RulePhase, { deptId: string; duty: string }>>(() => {
    const pick = (p: RulePhase) => rule?.assignments.find((a) => a.phase === p)
    return Object.fromEntries(PHASES.map((p) => [p, { deptId: pick(p)?.deptId ?? '', duty: pick(p)?.duty ?? '' }])) as Record<
      RulePhase,
      { deptId: string; duty: string }
    >
  })
  const [phaseOpen, setPhaseOpen] = useState<RulePhase | null>(null)
  const [query, setQuery] = useState('')
  const { busy, error, setError, submit } = useSubmit()
  const [from, setFrom] = useState(() => fmtDay(Date.now()))
  const [overlap, setOverlap] = useState<{ message: string; conflicts: OverlapConflict[] } | null>(null)

  const save = async (onOverlap?: 'replace') => {
    if (!categoryCode) return setError('请选择事项分类')
    const assignments: RuleAssignment[] = PHASES.filter((p) => assign[p].deptId).map((p) => ({ phase: p, deptId: assign[p].deptId, duty: assign[p].duty.trim() }))
    if (assignments.length === 0) return setError('请至少为一个阶段指定责任部门')
    const missingDuty = assignments.find((a) => !a.duty)
    if (missingDuty) return setError(`请填写${PHASE_LABELS[missingDuty.phase]}的职责`)
    // overlapping a rule in force: the writer chooses — replace it, narrow the area, or cancel
    const overlapping = (err: unknown) => (err instanceof ApiError && err.code === 'RULE_OVERLAP' ? (setOverlap({ message: err.message, conflicts: conflictsOf(err.details) }), null) : undefined)
    await submit(async () => {
      await callApi('admin.rules.save', {
        ...(rule ? { _id: rule._id } : {}),
        categoryCode,
        ...(streetId ? { area: { streetId } } : {}),
        assignments,
        active,
        title: title.trim() || undefined,
        ...(!rule?.active && active ? { from } : {}),
        ...(onOverlap ? { onOverlap } : {}),
      })
      void Taro.showToast({ title: onOverlap ? '已保存，原规则已终止' : '已保存', icon: 'success' })
      setOverlap(null)
      await onSaved()
    }, '保存失败，请重试', overlapping)
  }

  const q = query.trim()
  const depts = boot.departments.filter((d) => d.kind !== 'command' && (!q || deptLabel(d).includes(q))).slice(0, 24)

  return (
    <View className='lv-card admin-form'>
      <Text className='lv-title'>{rule ? '编辑长效机制' : '新增长效机制'}</Text>
      <TextField label='名称（选填）' value={title} onChange={setTitle} placeholder='如 五凤山庄餐饮油烟长效机制' />
      <Field label='事项分类'>
        <Chips options={boot.categories.map((c) => ({ key: c.code, label: c.name }))} selected={categoryCode} onToggle={setCategory} />
      </Field>
      <Field label='适用区域（不选为全区）'>
        <Chips options={boot.streets.map((s) => ({ key: s._id, label: s.name }))} selected={streetId} onToggle={(k) => setStreetId(k === streetId ? '' : k)} />
      </Field>
      {PHASES.map((p) => {
        const d = boot.departments.find((x) => x._id === assign[p].deptId)
        return (
          <Field key={p} label={`${PHASE_LABELS[p]}责任`}>
            <View
              className={`lv-chip ${phaseOpen === p ? 'lv-chip--on' : ''}`}
              ariaRole='button'
              ariaLabel={`${PHASE_LABELS[p]}责任部门：${d ? deptLabel(d) : '未选择'}`}
              onClick={() => setPhaseOpen(phaseOpen === p ? null : p)}
            >
              <Text>{d ? deptLabel(d) : '选择部门'}</Text>
            </View>
            {phaseOpen === p ? (
              <View>
                <Input className='lv-input' ariaLabel={`搜索${PHASE_LABELS[p]}部门`} placeholder='搜索部门' value={query} onInput={(e) => setQuery(e.detail.value)} />
                <View className='lv-field'>
                  <Chips
                    options={[{ key: '', label: '不设' }, ...depts.map((x) => ({ key: x._id, label: deptLabel(x) }))]}
                    selected={assign[p].deptId}
                    onToggle={(k) => {
                      setAssign({ ...assign, [p]: { ...assign[p], deptId: k } })
                      setPhaseOpen(null)
                    }}
                  />
                </View>
              </View>
            ) : null}
            {assign[p].deptId ? (
              <Input
                className='lv-input'
                ariaLabel={`${PHASE_LABELS[p]}职责`}
                placeholder={p === 'before' ? '如 业主承诺' : p === 'during' ? '如 环保监督' : '如 城管处置处罚'}
                value={assign[p].duty}
                onInput={(e) => setAssign({ ...assign, [p]: { ...assign[p], duty: e.detail.value } })}
              />
            ) : null}
          </Field>
        )
      })}
      <View className='lv-between lv-field'>
        <Text className='lv-label'>生效</Text>
        <Switch checked={active} color='#1677ff' ariaLabel='生效' onChange={(e) => setActive(!!e.detail.value)} />
      </View>
      {!rule?.active && active ? (
        <Field label='生效日期'>
          <Picker mode='date' value={from} start={fmtDay(Date.now())} onChange={(e) => setFrom(String(e.detail.value))}>
            <View className='lv-chip' ariaRole='button' ariaLabel={`生效日期 ${from}`}><Text className='lv-nowrap'>{from}</Text></View>
          </Picker>
        </Field>
      ) : null}
      <FormError error={error} />
      {overlap ? (
        <View className='rule-overlap'>
          <Text className='lv-text'>{overlap.message}</Text>
          {overlap.conflicts.map((c) => (
            <Text key={c._id} className='lv-muted'>
              {`「${c.title ?? '未命名规则'}」· ${boot.streets.find((s) => s._id === c.area?.streetId)?.name ?? (c.area?.communityId ? '社区' : '全区')}${c.from ? ` · ${c.from} 起` : ''}`}
            </Text>
          ))}
          <PrimaryButton text='替换原规则（原规则终止）' busy={busy} onClick={() => save('replace')} />
          <View className='lv-actions'>
            <SecondaryButton text='缩小适用区域' onClick={() => { setOverlap(null); setError('请选择更小的适用区域后再保存') }} />
          </View>
        </View>
      ) : (
        <PrimaryButton text='保存' busy={busy} onClick={() => save()} />
      )}
      <View className='lv-actions'>
        <SecondaryButton text='取消' onClick={onCancel} />
      </View>
    </View>
  )
}
