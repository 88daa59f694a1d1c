import { useMemo, useState } from 'react'
import Taro from '@tarojs/taro'
import { Input, Switch, Text, View } from '@tarojs/components'
import { callApi } from '@/services/cloud'
import { loadBootstrap } from '@/services/meta'
import type { Bootstrap } from '@/services/types'
import { useElderClass } from '@/components/ElderMode'
import type { Category } from '@domain/org/org.types'
import { Chips, ErrorLine, Field, LoadGate, PrimaryButton, asList, deptLabel, errorText, useLoad } from '../common'

type Unit = 'hour' | 'day'
const UNIT_MIN: Record<Unit, number> = { hour: 60, day: 1440 }

/** 3天 / 4小时 / 90分钟 */
export function fmtDeadline(min: number): string {
  if (min % 1440 === 0) return `${min / 1440}天`
  if (min % 60 === 0) return `${min / 60}小时`
  return `${min}分钟`
}

interface Loaded {
  categories: Category[]
  boot: Bootstrap
}

/** 事项分类: deadline (hours/days), grid item, night pause, owner departments → admin.categories.save */
export default function CategoriesPage() {
  const elder = useElderClass()
  const { state, reload } = useLoad<Loaded>(async () => {
    const [list, boot] = await Promise.all([callApi<unknown>('admin.categories.list', {}), loadBootstrap()])
    return { categories: asList<Category>(list), boot }
  })
  const [open, setOpen] = useState<string | null>(null)

  return (
    <View className={`lv-page ${elder}`}>
      <LoadGate state={state} onRetry={reload}>
        {({ categories, boot }) => {
          const deptName = (id: string) => (() => { const d = boot.departments.find((x) => x._id === id); return d ? deptLabel(d) : id })()
          return (
            <View>
              {categories.map((c) => (
                <View className='lv-card' key={c.code}>
                  <View
                    ariaRole='button'
                    ariaLabel={`${c.name}，${open === c.code ? '收起' : '编辑'}`}
                    onClick={() => setOpen(open === c.code ? null : c.code)}
                  >
                    <View className='lv-between'>
                      <Text className='lv-title'>{c.name}</Text>
                      <Text className='lv-tag lv-tag--brand'>时限 {fmtDeadline(c.deadlineMinutes)}</Text>
                    </View>
                    <View className='lv-row'>
                      {c.class ? <Text className='lv-tag'>{c.class}</Text> : null}
                      {c.gridItem ? <Text className='lv-tag'>网格化事项</Text> : null}
                      {c.pauseAtNight ? <Text className='lv-tag'>夜间暂停计时</Text> : null}
                      {c.ownerDeptIds.map((d) => (
                        <Text className='lv-tag' key={d}>
                          {deptName(d)}
                        </Text>
                      ))}
                    </View>
                  </View>
                  {open === c.code ? (
                    <CategoryForm
                      c={c}
                      boot={boot}
                      onSaved={() => {
                        setOpen(null)
                        void reload(true)
                      }}
                    />
                  ) : null}
                </View>
              ))}
            </View>
          )
        }}
      </LoadGate>
    </View>
  )
}

function CategoryForm({ c, boot, onSaved }: { c: Category; boot: Bootstrap; onSaved: () => unknown }) {
  const initialUnit: Unit = c.deadlineMinutes % 1440 === 0 ? 'day' : 'hour'
  const [unit, setUnit] = useState<Unit>(initialUnit)
  const [amount, setAmount] = useState(String(c.deadlineMinutes / UNIT_MIN[initialUnit]))
  const [gridItem, setGridItem] = useState(c.gridItem)
  const [pauseAtNight, setPause] = useState(!!c.pauseAtNight)
  const [owners, setOwners] = useState<string[]>(c.ownerDeptIds)
  const [query, setQuery] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const depts = useMemo(
    () => boot.departments.filter((d) => d.kind !== 'command' && (!query.trim() || deptLabel(d).includes(query.trim()) || owners.includes(d._id))),
    [boot, query, owners],
  )

  const save = async () => {
    const n = Number(amount)
    if (!Number.isFinite(n) || n <= 0) return setError('请填写大于0的办理时限')
    const minutes = Math.round(n * UNIT_MIN[unit])
    if (minutes > 90 * 1440) return setError('办理时限不能超过90天')
    if (!gridItem && owners.length === 0 && !c.manualTriage && !c.cityUnitId) return setError('请至少选择一个责任部门，或设为网格化事项')
    setBusy(true)
    setError(null)
    try {
      await callApi('admin.categories.save', { code: c.code, deadlineMinutes: minutes, gridItem, pauseAtNight, ownerDeptIds: owners })
      void Taro.showToast({ title: '已保存', icon: 'success' })
      await onSaved()
    } catch (err) {
      setError(errorText(err, '保存失败，请重试'))
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='admin-form'>
      <Field label='办理时限'>
        <View className='lv-row'>
          <Input className='lv-input admin-amount' type='digit' ariaLabel='办理时限数值' value={amount} onInput={(e) => setAmount(e.detail.value)} />
          <Chips
            options={[
              { key: 'hour', label: '小时' },
              { key: 'day', label: '天' },
            ]}
            selected={unit}
            onToggle={(k) => setUnit(k)}
          />
        </View>
      </Field>
      <View className='lv-between lv-field'>
        <Text className='lv-label'>网格化办理事项（转网格平台）</Text>
        <Switch checked={gridItem} color='#1677ff' ariaLabel='网格化办理事项' onChange={(e) => setGridItem(!!e.detail.value)} />
      </View>
      <View className='lv-between lv-field'>
        <Text className='lv-label'>夜间（22:00–8:00）暂停计时</Text>
        <Switch checked={pauseAtNight} color='#1677ff' ariaLabel='夜间暂停计时' onChange={(e) => setPause(!!e.detail.value)} />
      </View>
      <Field label={`责任部门（已选${owners.length}个）`}>
        <Input className='lv-input' ariaLabel='搜索部门' placeholder='搜索部门' value={query} onInput={(e) => setQuery(e.detail.value)} />
        <View className='lv-field'>
          <Chips
            label='责任部门'
            options={depts.map((d) => ({ key: d._id, label: deptLabel(d) }))}
            selected={owners}
            onToggle={(id) => setOwners(owners.includes(id) ? owners.filter((o) => o !== id) : [...owners, id])}
          />
        </View>
      </Field>
      <ErrorLine error={error} />
      <PrimaryButton text='保存分类设置' busy={busy} onClick={save} />
    </View>
  )
}
