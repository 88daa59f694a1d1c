import { useState } from 'react'
import Taro from '@tarojs/taro'
import { ScrollView, Text, View } from '@tarojs/components'
import { callApi } from '@/services/cloud'
import type { StaffPage, StaffRow } from '@domain/contract'
import { loadBootstrap } from '@/services/meta'
import type { Bootstrap } from '@domain/contract'
import { useElderClass } from '@/components/ElderMode'
import type { RotaEntry, RotaLevel } from '@domain/org/org-types'
import { businessParts } from '@domain/common/business-time'
import { neutralLabel } from '@domain/common/format'
import { asList } from '@/staff/format'
import { Chips, FormError, LoadGate, PrimaryButton } from '@/staff/ui'
import { useLoad } from '@/staff/use-load'
import { useSubmit } from '@/staff/use-send'
import '../admin.scss'

export const WEEKDAYS = ['周一', '周二', '周三', '周四', '周五', '周六', '周日']

/** Today's weekday in business time, 1 = Monday … 7 = Sunday (the rota's numbering). */
export function rotaWeekday(at: number): number {
  const w = businessParts(at).weekday
  return w === 0 ? 7 : w
}

/** Design width of a day column (rota-head/rota-cell in common.scss, 750-wide design px). */
const DAY_COL_DESIGN_PX = 120

/** How far the week scrolls so today is in view (0 early in the week): the day before it goes under the names. */
export function todayScrollLeft(today: number, windowWidth: number = safeWindowWidth()): number {
  return today > 3 ? Math.round((today - 2) * DAY_COL_DESIGN_PX * (windowWidth / 750)) : 0
}

function safeWindowWidth(): number {
  try {
    return Taro.getSystemInfoSync().windowWidth || 375
  } catch {
    return 375
  }
}

export interface RotaRow {
  level: RotaLevel
  streetId?: string
  label: string
}
const rowKey = (r: { level: RotaLevel; streetId?: string }) => `${r.level}:${r.streetId ?? ''}`

/** Weekday-only entries form the grid; entries with a date range (holiday rosters) are kept as they are. */
export function toggleDuty(entries: RotaEntry[], row: RotaRow, day: number, staffId: string): RotaEntry[] {
  const same = (e: RotaEntry) => rowKey(e) === rowKey(row) && e.staffId === staffId && !e.from && !e.to
  const existing = entries.find(same)
  if (!existing) {
    const _id = `rota-${row.level}-${row.streetId ?? 'district'}-${staffId}`
    return [...entries, { _id, level: row.level, ...(row.streetId ? { streetId: row.streetId } : {}), staffId, weekdays: [day] }]
  }
  const days = new Set(existing.weekdays ?? [])
  if (days.has(day)) days.delete(day)
  else days.add(day)
  if (days.size === 0) return entries.filter((e) => e !== existing)
  return entries.map((e) => (e === existing ? { ...e, weekdays: [...days].sort((a, b) => a - b) } : e))
}

export function onDutyIds(entries: RotaEntry[], row: RotaRow, day: number): string[] {
  return entries.filter((e) => rowKey(e) === rowKey(row) && !e.from && !e.to && (e.weekdays ?? []).includes(day)).map((e) => e.staffId)
}

type RotaRowEntry = RotaEntry & { staffName?: string | null }
interface Loaded {
  entries: RotaRowEntry[]
  staff: StaffRow[]
  boot: Bootstrap
}

/** Every leader (a few dozen): the staff list filtered by role, its pages followed to the end. */
async function leadersAll(): Promise<StaffRow[]> {
  const out: StaffRow[] = []
  let cursor: string | null = null
  for (let i = 0; i < 50; i++) {
    const page: StaffPage = await callApi('admin.staff.list', cursor ? { role: 'leader', cursor } : { role: 'leader' })
    out.push(...page.items)
    cursor = page.nextCursor
    if (!cursor) break
  }
  return out
}

/** 巡查轮值排班: a week grid of district and street leaders on duty → admin.rota.save */
export default function RotaPage() {
  const elder = useElderClass()
  const { state, reload } = useLoad<Loaded>(async () => {
    const [rota, staff, boot] = await Promise.all([
      callApi('admin.rota.list', {}),
      leadersAll(),
      loadBootstrap(),
    ])
    return { entries: asList<RotaRowEntry>(rota, 'entries'), staff: asList<StaffRow>(staff), boot }
  })
  return (
    <View className={`lv-page ${elder}`}>
      <LoadGate state={state} onRetry={reload}>
        {(data) => <RotaEditor data={data} onSaved={reload} />}
      </LoadGate>
    </View>
  )
}

function RotaEditor({ data, onSaved, now = Date.now() }: { data: Loaded; onSaved: () => unknown; now?: number }) {
  const today = rotaWeekday(now)
  const [entries, setEntries] = useState<RotaRowEntry[]>(data.entries)
  const [cell, setCell] = useState<{ row: RotaRow; day: number } | null>(null)
  const [dirty, setDirty] = useState(false)
  const { busy, error, submit } = useSubmit()
  const rows: RotaRow[] = [
    { level: 'district', label: '区级' },
    ...data.boot.streets.map((s) => ({ level: 'street' as const, streetId: s._id, label: s.name })),
  ]
  const leaders = data.staff.filter((s) => s.roles.includes('leader'))
  const nameOf = (id: string) => data.staff.find((s) => s._id === id)?.name ?? entries.find((e) => e.staffId === id)?.staffName ?? neutralLabel(id)
  const dated = entries.filter((e) => e.from || e.to)

  const candidates = cell
    ? leaders.filter((s) => (cell.row.level === 'district' ? !s.streetId : s.streetId === cell.row.streetId) || onDutyIds(entries, cell.row, cell.day).includes(s._id))
    : []

  const save = () =>
    submit(async () => {
      // list rows carry the display name (staffName): send the entries themselves
      await callApi('admin.rota.save', { entries: entries.map(({ staffName: _n, ...e }) => e) })
      setDirty(false)
      void Taro.showToast({ title: '排班已保存', icon: 'success' })
      await onSaved()
    }, '保存失败，请重试')

  return (
    <View>
      <View className='lv-card'>
        <Text className='lv-muted'>点击格子选择当天轮值领导。区级每天至少一人，街镇级由各街镇领导轮值。</Text>
        <Text className='rota-hint'>共7天，左右滑动查看周一至周日 →</Text>
        {/* opens with today in view: the day before it scrolls under the sticky name column */}
        <ScrollView scrollX className='rota-grid' scrollLeft={todayScrollLeft(today)}>
          <View className='rota-row'>
            <Text className='rota-head rota-head--name'>层级</Text>
            {WEEKDAYS.map((d, i) => (
              <Text className={`rota-head ${i + 1 === today ? 'rota-head--today' : ''}`} key={d}>
                {d}
                {i + 1 === today ? '·今天' : ''}
              </Text>
            ))}
          </View>
          {rows.map((row) => (
            <View className='rota-row' key={rowKey(row)}>
              <Text className='rota-head rota-head--name'>{row.label}</Text>
              {WEEKDAYS.map((d, i) => {
                const ids = onDutyIds(entries, row, i + 1)
                const on = cell && rowKey(cell.row) === rowKey(row) && cell.day === i + 1
                return (
                  <View
                    key={d}
                    className={`rota-cell ${ids.length ? '' : 'rota-cell--empty'} ${on ? 'rota-cell--on' : ''} ${i + 1 === today ? 'rota-cell--today' : ''}`}
                    ariaRole='button'
                    ariaLabel={`${row.label}${d}：${ids.length ? ids.map(nameOf).join('、') : '未排班'}`}
                    onClick={() => setCell({ row, day: i + 1 })}
                  >
                    {ids.length ? ids.map((id) => <Text key={id}>{nameOf(id)}</Text>) : <Text>—</Text>}
                  </View>
                )
              })}
            </View>
          ))}
        </ScrollView>
      </View>

      {cell ? (
        <View className='lv-card'>
          <Text className='lv-title'>
            {cell.row.label} · {WEEKDAYS[cell.day - 1]}
          </Text>
          {candidates.length === 0 ? <Text className='lv-muted'>没有可排班的轮值领导，请先在“部门与人员”中设置。</Text> : null}
          <Chips
            options={candidates.map((s) => ({ key: s._id, label: s.title ? `${s.name}（${s.title}）` : s.name }))}
            selected={onDutyIds(entries, cell.row, cell.day)}
            onToggle={(id) => {
              setEntries(toggleDuty(entries, cell.row, cell.day, id))
              setDirty(true)
            }}
          />
        </View>
      ) : null}

      {dated.length ? (
        <View className='lv-card'>
          <Text className='lv-title'>特殊日期排班</Text>
          {dated.map((e) => (
            <Text className='lv-muted' key={e._id}>
              {e.from}{e.to && e.to !== e.from ? ` 至 ${e.to}` : ''} · {e.level === 'district' ? '区级' : data.boot.streets.find((s) => s._id === e.streetId)?.name} · {nameOf(e.staffId)}
            </Text>
          ))}
        </View>
      ) : null}

      <FormError error={error} />
      {dirty ? <PrimaryButton text='保存排班' busy={busy} onClick={save} /> : null}
    </View>
  )
}
