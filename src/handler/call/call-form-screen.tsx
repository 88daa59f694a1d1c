import { useEffect, useMemo, useState } from 'react'
import Taro from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import type { Place } from '@domain/common/geo-distance'
import { callDeptsOf } from '@domain/routing/routing-types'
import { neutralLabel } from '@domain/common/format'
import { point } from '@domain/common/geo-distance'
import { useElderClass } from '@/components/ElderMode'
import DistrictMap from '@/components/DistrictMap'
import { useDistrictMap } from '@/services/geo'
import { locatePoint } from '@domain/routing/routing-locate'
import { callApi } from '@/services/cloud'
import type { Bootstrap, CaseDetail } from '@domain/contract'
import { loadBootstrap } from '@/services/meta'
import { deptOptions, searchDepts, validateCallForm, type DeptOption } from '../lib/call-form'
import { defaultMeetAt, errorCode, pickerParts } from '@/staff/format'
import { DateTimePickers, FormError, LoadGate, Section, TextField, toast } from '@/staff/ui'
import { useLoad } from '@/staff/use-load'
import { useSubmit } from '@/staff/use-send'
import './index.scss'

type Loaded = { detail: CaseDetail; meta: Bootstrap }

export interface CallFormScreenProps {
  caseId: string
  /** fixed "now" (tests); omitted = the clock when the form opens */
  now?: number
  /** after a successful call (the page navigates back to the case) */
  onDone?: () => void
}

/** 发起一线呼叫: departments (multi-select, searchable), what, where, when → `case.call`. */
export default function CallFormScreen({ caseId, now, onDone }: CallFormScreenProps) {
  const { state, reload } = useLoad(async (): Promise<Loaded> => {
    const [detail, meta] = await Promise.all([callApi('case.get', { caseId }), loadBootstrap()])
    return { detail, meta }
  }, [caseId])
  return <LoadGate state={state} onRetry={reload}>{(data) => <CallForm data={data} now={now} onDone={onDone} />}</LoadGate>
}

function CallForm({ data, now, onDone }: { data: Loaded; now?: number; onDone?: () => void }) {
  const elder = useElderClass()
  const { detail, meta } = data
  const kase = detail.case
  const openedAt = useMemo(() => now ?? Date.now(), [now])
  const options = useMemo(() => deptOptions(meta), [meta])
  const byId = useMemo(() => new Map(options.map((o) => [o.id, o])), [options])

  const [query, setQuery] = useState('')
  // the departments the routing decision in force names (standing rule / owning city unit) come preselected
  const suggested = useMemo(() => callDeptsOf(kase.routing ?? []).filter((id) => byId.has(id)), [kase.routing, byId])
  const [deptIds, setDeptIdsRaw] = useState<string[]>(suggested)
  const [showAll, setShowAll] = useState(false)
  const [what, setWhatRaw] = useState('')
  const [place, setPlace] = useState<Place | null>(kase.location ?? null)
  const [meet, setMeet] = useState(() => pickerParts(defaultMeetAt(openedAt)))
  const [fields, setFields] = useState<Partial<Record<string, string>>>({})
  const { busy, error: serverError, setError: setServerError, submit: send } = useSubmit()
  /** a field's red message goes as soon as the field is changed */
  const clear = (key: string) => setFields((f) => (f[key] ? { ...f, [key]: undefined } : f))
  const setDeptIds = (next: string[] | ((ids: string[]) => string[])) => {
    setDeptIdsRaw(next)
    clear('deptIds')
  }
  const setWhat = (v: string) => {
    setWhatRaw(v)
    clear('what')
  }
  useEffect(() => clear('place'), [place])
  useEffect(() => clear('meetAt'), [meet])
  const nameOfDept = (id: string) => byId.get(id)?.name ?? neutralLabel(id)

  const { geo } = useDistrictMap()
  /** the street and community of a point, in words (from the district's boundaries) */
  const placeWords = (p: [number, number]) => {
    if (!geo) return '正在识别…'
    const w = locatePoint(p, geo as never)
    return w.inside ? `${w.streetName} · ${w.communityName ?? ''}` : '不在鼓楼区范围内'
  }
  const pickOnMap = (p: [number, number]) => {
    const w = geo ? locatePoint(p, geo as never) : null
    const label = w && w.inside ? `${w.streetName}${w.communityName ?? ''}` : ''
    setPlace((prev) => ({ point: point(p[0], p[1]), address: prev?.address && prev.address !== kase.location?.address ? prev.address : prev?.address || label }))
  }

  const toggle = (o: DeptOption) => setDeptIds((ids) => (ids.includes(o.id) ? ids.filter((x) => x !== o.id) : [...ids, o.id]))
  const matches = searchDepts(options, query)
  // the list flows with the page (no scroll box inside the page): the named departments first, then a few more on demand
  const SHORT = 8
  const ordered = [...matches.filter((o) => suggested.includes(o.id)), ...matches.filter((o) => !suggested.includes(o.id))]
  const shown = showAll || query.trim() ? ordered : ordered.slice(0, SHORT)

  const choosePlace = async () => {
    if (process.env.TARO_ENV !== 'weapp') return
    try {
      const res = await Taro.chooseLocation({
        latitude: place?.point.coordinates[1],
        longitude: place?.point.coordinates[0],
      })
      const next = { point: point(res.longitude, res.latitude), address: res.address || res.name || place?.address || '' }
      setPlace(next)
    } catch {
      /* cancelled */
    }
  }

  const setAddress = (address: string) => setPlace((p) => (p ? { ...p, address } : { point: point(NaN, NaN), address }))

  const submit = async () => {
    setServerError('')
    const usable = place && Number.isFinite(place.point.coordinates[0]) ? place : null
    const r = validateCallForm({ caseId: kase.id, expectedVersion: kase.version, deptIds, what, place: usable, ...meet }, now ?? Date.now())
    if (!r.ok) {
      setFields(r.fields.place || usable ? r.fields : { ...r.fields, place: '请选择地点' })
      return
    }
    setFields({})
    await send(async () => {
      await callApi('case.call', r.input)
      toast('已发起呼叫', 'success')
      onDone?.()
    }, '呼叫失败，请重试', (err) => (errorCode(err) === 'VERSION_CONFLICT' ? '事项已被他人更新，请返回刷新后再呼叫' : undefined))
  }

  return (
    <View className={`sx-page ${elder}`}>
      <View className='sx-card'>
        <Text className='sx-item__title'>{kase.categoryName}</Text>
        <Text className='sx-item__desc'>{kase.description}</Text>
      </View>

      <Section title='呼叫部门（可多选）'>
        {deptIds.length ? (
          <View className='sx-chips hl-selected'>
            {deptIds.map((id) => (
              <View key={id} className='sx-chip sx-chip--on' ariaRole='button' ariaLabel={`移除${nameOfDept(id)}`} onClick={() => setDeptIds((ids) => ids.filter((x) => x !== id))}>
                <Text className='yx-name'>{nameOfDept(id)} ×</Text>
              </View>
            ))}
          </View>
        ) : (
          <Text className='sx-hint hl-none'>尚未选择部门</Text>
        )}
        {suggested.length ? <Text className='sx-hint hl-none'>已按长效机制预选{suggested.map(nameOfDept).join('、')}，可调整</Text> : null}
        <Input className='sx-input' value={query} placeholder='搜索部门或单位，如“市政所”“水务”' ariaLabel='搜索部门' onInput={(e) => setQuery(e.detail.value)} />
        <View className='hl-depts'>
          {matches.length === 0 ? <Text className='sx-hint'>没有找到匹配的部门</Text> : null}
          {shown.map((o) => {
            const on = deptIds.includes(o.id)
            return (
              <View key={o.id} className={`hl-dept ${on ? 'hl-dept--on' : ''}`} ariaRole='checkbox' ariaLabel={on ? `${o.name}，已选中` : o.name} onClick={() => toggle(o)}>
                <View className='hl-dept__main'>
                  <Text className='hl-dept__name yx-name'>{o.name}</Text>
                  <Text className='hl-dept__hint'>{[o.group === 'city' ? '市直单位' : '区直部门', o.hint].filter(Boolean).join(' · ')}</Text>
                </View>
                <Text className='hl-dept__tick'>{on ? '✓' : ''}</Text>
              </View>
            )
          })}
        </View>
        {!showAll && !query.trim() && ordered.length > SHORT ? (
          <View className='btn-secondary hl-more' ariaRole='button' ariaLabel={`显示全部${ordered.length}个部门和单位`} onClick={() => setShowAll(true)}>
            <Text>显示全部 {ordered.length} 个部门和单位</Text>
          </View>
        ) : null}
        {fields.deptIds ? <Text className='sx-form-error'>{fields.deptIds}</Text> : null}
      </Section>

      <Section title='呼叫事项'>
        <TextField multiline label='需要部门做什么' value={what} maxlength={300} placeholder='如：现场核实路灯线路故障并抢修' onChange={setWhat} />
        {fields.what ? <Text className='sx-form-error'>{fields.what}</Text> : null}
      </Section>

      <Section title='到场地点'>
        <DistrictMap name='call-place'
          geo={geo}
          pin={place && Number.isFinite(place.point.coordinates[0]) ? place.point.coordinates : undefined}
          onPick={pickOnMap}
          spanM={place ? 250 : undefined}
          ariaLabel='到场地点地图'
        />
        <Text className='sx-hint hl-place-where'>
          {place && Number.isFinite(place.point.coordinates[0]) ? `地图选点：${placeWords(place.point.coordinates)}` : '点击地图放置到场地点'}
          {kase.location && place && place.point.coordinates.join() !== kase.location.point.coordinates.join() ? '' : kase.location ? '（默认为诉求位置）' : ''}
        </Text>
        <View className='sx-field'>
          <Text className='sx-field__label'>地址说明</Text>
          <Input className='sx-input' value={place?.address ?? ''} placeholder='如：左海公园北门' ariaLabel='到场地址' onInput={(e) => setAddress(e.detail.value)} />
        </View>
        {process.env.TARO_ENV === 'weapp' ? (
          <View className='btn-secondary' ariaRole='button' ariaLabel='在地图上选点' onClick={() => void choosePlace()}>
            <Text>在地图上搜索选点</Text>
          </View>
        ) : null}
        {kase.location && place && place.point.coordinates.join() !== kase.location.point.coordinates.join() ? (
          <View className='hl-place-link' ariaRole='button' ariaLabel='恢复为诉求位置' onClick={() => setPlace(kase.location ?? null)}>
            <Text>恢复为诉求位置</Text>
          </View>
        ) : null}
        {fields.place ? <Text className='sx-form-error'>{fields.place}</Text> : null}
      </Section>

      <Section title='到场时间'>
        <DateTimePickers {...meet} start={pickerParts(openedAt).date} dateLabel='到场日期' timeLabel='到场时间' onChange={setMeet} />
        {fields.meetAt ? <Text className='sx-form-error'>{fields.meetAt}</Text> : null}
      </Section>

      <FormError error={serverError} />

      <View className='sx-actionbar'>
        <View className={`btn-primary sx-actionbar__btn ${busy ? 'sx-btn--busy' : ''}`} ariaRole='button' ariaLabel='发起呼叫' onClick={busy ? undefined : () => void submit()}>
          <Text>{busy ? '正在呼叫…' : deptIds.length > 1 ? `呼叫 ${deptIds.length} 个部门` : '发起呼叫'}</Text>
        </View>
      </View>
    </View>
  )
}
