import { useMemo, useState } from 'react'
import Taro from '@tarojs/taro'
import { Input, Switch, Text, View } from '@tarojs/components'
import { callApi } from '@/services/cloud'
import { loadBootstrap } from '@/services/meta'
import type { ApiInput, Bootstrap } from '@domain/contract'
import { useElderClass } from '@/components/ElderMode'
import type { Category } from '@domain/org/org-types'
import { asList, unitLabel, unitsOf } from '@/staff/format'
import { Chips, Field, FormError, LoadGate, PrimaryButton, SecondaryButton, TextField } from '@/staff/ui'
import { useLoad } from '@/staff/use-load'
import { useSubmit } from '@/staff/use-send'
import '../admin.scss'

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

/** A category's owners: its departments and its city-level unit (供水问题 → 福州市水务集团). */
export function ownersOf(c: Pick<Category, 'ownerDeptIds' | 'cityUnitId'>): string[] {
  return [...c.ownerDeptIds, ...(c.cityUnitId ? [c.cityUnitId] : [])]
}

/** 事项分类: add; deadline (hours/days), grid item, night pause, owners (departments and city units); 停用/启用 → admin.categories.save */
export default function CategoriesPage() {
  const elder = useElderClass()
  const { state, reload } = useLoad<Loaded>(async () => {
    const [list, boot] = await Promise.all([callApi('admin.categories.list', {}), loadBootstrap()])
    return { categories: asList<Category>(list), boot }
  })
  const [open, setOpen] = useState<string | null>(null)
  const [adding, setAdding] = useState(false)

  return (
    <View className={`lv-page ${elder}`}>
      <LoadGate state={state} onRetry={reload}>
        {({ categories, boot }) => {
          return (
            <View>
              <View className='lv-card'>
                {adding ? (
                  <CategoryForm
                    boot={boot}
                    existing={categories}
                    onCancel={() => setAdding(false)}
                    onSaved={() => {
                      setAdding(false)
                      void reload()
                    }}
                  />
                ) : (
                  <PrimaryButton text='新增问题类型' onClick={() => setAdding(true)} />
                )}
              </View>
              {categories.map((c) => (
                <View className={`lv-card ${c.disabled ? 'admin-disabled' : ''}`} key={c.code}>
                  <View
                    ariaRole='button'
                    ariaLabel={`${c.name}，${open === c.code ? '收起' : '编辑'}`}
                    onClick={() => setOpen(open === c.code ? null : c.code)}
                  >
                    <View className='lv-between'>
                      <Text className='lv-title'>{c.name}</Text>
                      <Text className='lv-tag lv-tag--brand'>{c.disabled ? '已停用' : `时限 ${fmtDeadline(c.deadlineMinutes)}`}</Text>
                    </View>
                    <View className='lv-row'>
                      {c.class ? <Text className='lv-tag'>{c.class}</Text> : null}
                      {c.gridItem ? <Text className='lv-tag'>网格化事项</Text> : null}
                      {c.pauseAtNight ? <Text className='lv-tag'>夜间暂停计时</Text> : null}
                      {ownersOf(c).map((d) => (
                        <Text className='lv-tag' key={d}>
                          {unitLabel(boot, d)}
                        </Text>
                      ))}
                      {!c.gridItem && !c.manualTriage && ownersOf(c).length === 0 ? <Text className='lv-tag lv-tag--danger'>未设责任单位</Text> : null}
                    </View>
                  </View>
                  {open === c.code ? (
                    <CategoryForm
                      c={c}
                      boot={boot}
                      existing={categories}
                      onCancel={() => setOpen(null)}
                      onSaved={() => {
                        setOpen(null)
                        void reload()
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

const CODE_RE = /^[a-z][a-z0-9-]{1,31}$/

/** Edit a category (`c`), or add one (no `c`): name and code, deadline, grid item, night pause, owners; 停用/启用. */
function CategoryForm({ c, boot, existing, onSaved, onCancel }: { c?: Category; boot: Bootstrap; existing: Category[]; onSaved: () => unknown; onCancel: () => void }) {
  const minutes0 = c?.deadlineMinutes ?? 3 * 1440
  const initialUnit: Unit = minutes0 % 1440 === 0 ? 'day' : 'hour'
  const [name, setName] = useState('')
  const [code, setCode] = useState('')
  const [cls, setCls] = useState<'部件' | '事件'>('事件')
  const [unit, setUnit] = useState<Unit>(initialUnit)
  const [amount, setAmount] = useState(String(minutes0 / UNIT_MIN[initialUnit]))
  const [gridItem, setGridItem] = useState(c?.gridItem ?? false)
  const [pauseAtNight, setPause] = useState(!!c?.pauseAtNight)
  const [owners, setOwners] = useState<string[]>(c ? ownersOf(c) : [])
  const [query, setQuery] = useState('')
  const { busy, error, setError, submit } = useSubmit()
  const units = useMemo(() => unitsOf(boot), [boot])
  const shown = useMemo(() => units.filter((u) => !query.trim() || u.label.includes(query.trim()) || owners.includes(u._id)), [units, query, owners])
  const isCity = (id: string) => units.some((u) => u._id === id && u.kind === 'city')

  const toggleOwner = (id: string) => {
    if (owners.includes(id)) return setOwners(owners.filter((o) => o !== id))
    // one city-level unit owns a matter: choosing another replaces it
    setOwners(isCity(id) ? [...owners.filter((o) => !isCity(o)), id] : [...owners, id])
  }

  const send = (payload: Record<string, unknown>, done: string) =>
    submit(async () => {
      await callApi('admin.categories.save', payload as ApiInput<'admin.categories.save'>)
      void Taro.showToast({ title: done, icon: 'success' })
      await onSaved()
    }, '保存失败，请重试')

  const save = async () => {
    if (!c) {
      if (name.trim().length < 2) return setError('请填写类型名称（2–20个字）')
      if (existing.some((x) => x.name === name.trim())) return setError(`类型名称「${name.trim()}」已被使用`)
      if (!CODE_RE.test(code.trim())) return setError('类型编码须为2–32位小写字母、数字或连字符，以字母开头')
      if (existing.some((x) => x.code === code.trim())) return setError('类型编码已被使用')
    }
    const n = Number(amount)
    if (!Number.isFinite(n) || n <= 0) return setError('请填写大于0的办理时限')
    const minutes = Math.round(n * UNIT_MIN[unit])
    if (minutes < 10) return setError('办理时限不能少于10分钟')
    if (minutes > 90 * 1440) return setError('办理时限不能超过90天')
    if (!gridItem && owners.length === 0 && !c?.manualTriage) return setError('请至少选择一个责任单位（部门或市直单位），或设为网格化事项')
    const cityUnitId = owners.find(isCity) ?? null
    const ownerDeptIds = owners.filter((o) => !isCity(o))
    await send(
      c
        ? { code: c.code, deadlineMinutes: minutes, gridItem, pauseAtNight, ownerDeptIds, cityUnitId }
        : { code: code.trim(), name: name.trim(), class: cls, deadlineMinutes: minutes, gridItem, pauseAtNight, ownerDeptIds, ...(cityUnitId ? { cityUnitId } : {}) },
      c ? '已保存' : '已新增',
    )
  }

  const toggleDisabled = async () => {
    if (!c) return
    if (!c.disabled) {
      const ok = await Taro.showModal({ title: '停用问题类型', content: `停用后群众上报时不再提供「${c.name}」，已有的事项不受影响。确定停用吗？` })
      if (!ok.confirm) return
    }
    await send({ code: c.code, disabled: !c.disabled }, c.disabled ? '已启用' : '已停用')
  }

  return (
    <View className='admin-form'>
      {!c ? (
        <>
          <TextField label='类型名称' value={name} onChange={setName} placeholder='如：电梯故障' />
          <TextField label='类型编码（英文，用于统计）' value={code} onChange={setCode} placeholder='如：elevator' />
          <Field label='类别'>
            <Chips options={[{ key: '部件', label: '部件' }, { key: '事件', label: '事件' }]} selected={cls} onToggle={(k) => setCls(k)} />
          </Field>
        </>
      ) : null}
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
      <Field label={`责任单位（已选${owners.length}个，含市直单位）`}>
        <Input className='lv-input' ariaLabel='搜索单位' placeholder='搜索部门或市直单位' value={query} onInput={(e) => setQuery(e.detail.value)} />
        <View className='lv-field'>
          <Chips options={shown.map((u) => ({ key: u._id, label: u.label }))} selected={owners} onToggle={toggleOwner} />
        </View>
      </Field>
      <FormError error={error} />
      <PrimaryButton text={c ? '保存分类设置' : '新增问题类型'} busy={busy} onClick={save} />
      <View className='lv-actions'>
        {c && c.code !== 'other' ? (
          <View className='btn-secondary' ariaRole='button' ariaLabel={c.disabled ? '启用该类型' : '停用该类型'} onClick={() => !busy && void toggleDisabled()}>
            <Text>{c.disabled ? '启用该类型' : '停用该类型'}</Text>
          </View>
        ) : null}
        <SecondaryButton text='取消' onClick={onCancel} />
      </View>
    </View>
  )
}
