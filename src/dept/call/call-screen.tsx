import { useCallback, useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import { CALL_ACCURACY_LEVELS, CALL_REASONS, CALL_REASON_CODES, DEPT_RATING_LEVELS } from '@domain/rating/rating-codes'
import type { CallAccuracyLevel, CallReasonCode } from '@domain/rating/rating-types'
import { consultInput, rateCallInput, recordActionInput } from '@domain/call/call-schema'
import { parseInput } from '@domain/common/schema-parts'
import type { GeoPoint } from '@domain/common/geo-distance'
import { callApi } from '@/services/cloud'
import Countdown from '@/components/Countdown'
import StatusChip from '@/components/StatusChip'
import { useElderClass } from '@/components/ElderMode'
import type { CallView } from '@domain/contract'
import { loadBootstrap } from '@/services/meta'
import { checkInLine, errorText, shortTime } from '@/staff/format'
import { useLoad } from '@/staff/use-load'
import { useSend } from '@/staff/use-send'
import { Chips, ErrorState, LoadGate, PhotoField, PhotoRow, Section, Sheet, TextField, photoProblem, toggled, usePhotoUploads, type CallSheetProps } from '@/staff/ui'
import { previewCheckIn, ruleFrom, type WindowRule } from '../lib/checkin'
import { currentLocation, parseLngLat } from '../lib/location'
import DistrictMap from '@/components/DistrictMap'
import { useDistrictMap } from '@/services/geo'
import { haversineM } from '@domain/geo/geo-measure'
import './index.scss'

export interface CallScreenProps {
  callId: string
  /** fixed "now" (tests); omitted = live clock */
  now?: number
  /** show the dev-only 模拟定位 field (H5 dev build) */
  devLocation?: boolean
  onRegisterRefresh?: (refresh: () => Promise<void>) => void
}

type SheetKind = 'action' | 'rate' | 'consult' | null

/** 呼叫详情 (department): respond, check in on site, record what was done, rate the call, 会商. */
export default function CallScreen({ callId, now, devLocation, onRegisterRefresh }: CallScreenProps) {
  const elder = useElderClass()
  const { state, reload } = useLoad(() => callApi('call.get', { callId }), [callId], onRegisterRefresh)
  const [rule, setRule] = useState<WindowRule>(ruleFrom(null))
  const [sheet, setSheet] = useState<SheetKind>(null)
  const dropSheet = useCallback(() => setSheet(null), [])
  const { geo } = useDistrictMap()
  const [me, setMe] = useState<GeoPoint | null>(null)

  useEffect(() => {
    loadBootstrap()
      .then((meta) => setRule(ruleFrom(meta.checkIn)))
      .catch(() => undefined) // the domain default is the published rule
  }, [])

  const { busy, formError, setFormError, send } = useSend(reload, '呼叫已被更新，已为您刷新', dropSheet)

  if (!callId) return <ErrorState message='缺少呼叫编号' code='MISSING_ID' />
  if (state.status !== 'ready') return <LoadGate state={state} onRetry={reload} />

  const { call, case: kase, group } = state.data
  const can = (e: CallView['available'][number]) => call.available.includes(e)
  const closeSheet = () => {
    setFormError('')
    setSheet(null)
  }

  return (
    <View className={`sx-page ${elder}`}>
      <View className='sx-card'>
        <View className='sx-item__head'>
          <Text className='sx-item__title'>{kase.categoryName}</Text>
          <StatusChip label={call.stateLabel} kind={call.state === 'absent' ? 'danger' : call.state === 'rated' || call.state === 'cancelled' ? 'closed' : 'open'} />
        </View>
        <Text className='sx-item__desc'>{call.what}</Text>
        <View className='sx-kv'>
          <Text className='sx-kv__k'>到场地点</Text>
          <Text className='sx-kv__v'>{call.place.address}</Text>
        </View>
        <View className='sx-kv'>
          <Text className='sx-kv__k'>约定时间</Text>
          <Text className='sx-kv__v'>{shortTime(call.meetAt)}</Text>
        </View>
        <View className='sx-kv'>
          <Text className='sx-kv__k'>呼叫人</Text>
          <Text className='sx-kv__v'>{[kase.streetName, call.caller.name].filter(Boolean).join(' · ')}</Text>
        </View>
        {(call.state === 'created' || call.state === 'acknowledged') && (
          <View className='sx-kv'>
            <Text className='sx-kv__k'>距到场</Text>
            <Countdown deadline={call.meetAt} start={call.createdAt} now={now} />
          </View>
        )}
      </View>

      <SiteMap call={call} geo={geo} me={me} radiusM={rule.radiusM} />

      <Section title='问题详情'>
        <Text className='sx-item__desc'>{kase.description}</Text>
        <PhotoRow photos={kase.photos} />
        {kase.location ? <Text className='sx-item__meta'>位置：{kase.location.address}</Text> : null}
      </Section>

      {can('acknowledge') && (
        <View className='dd-block'>
          <View className={`btn-primary ${busy ? 'sx-btn--busy' : ''}`} ariaRole='button' ariaLabel='响应呼叫' onClick={busy ? undefined : () => void send('call.acknowledge', { callId: call.id, expectedVersion: call.version }, '已响应，请按时到场')}>
            <Text>响应呼叫</Text>
          </View>
          {formError && !sheet ? <Text className='sx-form-error'>{formError}</Text> : null}
        </View>
      )}

      {can('checkIn') && (
        <CheckInPanel
          call={call}
          rule={rule}
          now={now}
          devLocation={devLocation}
          busy={busy}
          error={sheet ? '' : formError}
          onLocated={setMe}
          onSend={(location) => send('call.checkIn', { callId: call.id, expectedVersion: call.version, location }, '报到成功')}
        />
      )}

      {(call.checkIn || (call.attempts ?? []).length > 0) && (
        <Section title='报到记录'>
          {call.checkIn ? <Text className='dd-line'>{checkInLine(call.checkIn)}</Text> : null}
          {(call.attempts ?? [])
            .filter((a) => !call.checkIn || a.at !== call.checkIn.at)
            .map((a) => (
              <Text key={a.at} className='dd-line dd-line--warn'>
                未通过：{checkInLine(a)}
              </Text>
            ))}
        </Section>
      )}

      {call.action ? (
        <Section title='处置情况'>
          <Text className='sx-item__desc'>{call.action.text}</Text>
          <PhotoRow photos={call.action.photos} />
        </Section>
      ) : null}

      {call.streetRating ? (
        <Section title='街镇评价'>
          <Text className='dd-line'>{DEPT_RATING_LEVELS[call.streetRating.level]}</Text>
        </Section>
      ) : null}
      {call.deptRating ? (
        <Section title='我方对呼叫的评价'>
          <Text className='dd-line'>
            {CALL_ACCURACY_LEVELS[call.deptRating.level]}
            {call.deptRating.reasons.length ? `（${call.deptRating.reasons.map((r) => CALL_REASONS[r]).join('、')}）` : ''}
          </Text>
        </Section>
      ) : null}

      {group.length > 1 && <ConsultSection call={call} group={group} />}

      <View className='dd-actions'>
        {can('recordAction') && (
          <View className='btn-primary dd-actions__btn' ariaRole='button' ariaLabel='填报处置情况' onClick={() => setSheet('action')}>
            <Text>填报处置情况</Text>
          </View>
        )}
        {can('consult') && group.length > 1 && (
          <View className='btn-secondary dd-actions__btn' ariaRole='button' ariaLabel='会商确定责任部门' onClick={() => setSheet('consult')}>
            <Text>会商确定责任部门</Text>
          </View>
        )}
        {can('rateByDept') && (
          <View className='btn-secondary dd-actions__btn' ariaRole='button' ariaLabel='评价呼叫' onClick={() => setSheet('rate')}>
            <Text>评价呼叫</Text>
          </View>
        )}
      </View>

      {sheet === 'action' && (
        <RecordActionSheet call={call} busy={busy} error={formError} onCancel={closeSheet} onInvalid={setFormError} onSubmit={async (p) => (await send('call.recordAction', p, '处置情况已提交')) && setSheet(null)} />
      )}
      {sheet === 'rate' && (
        <RateCallSheet call={call} busy={busy} error={formError} onCancel={closeSheet} onInvalid={setFormError} onSubmit={async (p) => (await send('call.rateCall', p, '评价已提交')) && setSheet(null)} />
      )}
      {sheet === 'consult' && (
        <ConsultSheet call={call} group={group} busy={busy} error={formError} onCancel={closeSheet} onInvalid={setFormError} onSubmit={async (p) => (await send('call.consult', p, '会商结果已记录')) && setSheet(null)} />
      )}
    </View>
  )
}

/** 现场地图: the meeting place, the check-in radius around it, the officer's own position; 导航 opens WeChat's navigation. */
function SiteMap({ call, geo, me, radiusM }: { call: CallView; geo: ReturnType<typeof useDistrictMap>['geo']; me: GeoPoint | null; radiusM: number }) {
  const site = call.place.point.coordinates
  const mine = me ? me.coordinates : undefined
  const far = mine ? Math.round(haversineM(mine, site)) : null
  const navigate = () => {
    Taro.openLocation({ latitude: site[1], longitude: site[0], name: call.place.address, address: call.place.address, scale: 17 }).catch(() =>
      Taro.showToast({ title: '当前环境无法打开导航，请在微信中使用', icon: 'none' }),
    )
  }
  return (
    <Section title='现场地图'>
      <DistrictMap name='site' geo={geo} pin={site} circle={{ centre: site, radiusM }} me={mine} focus={site} spanM={far !== null && far > 200 ? Math.min(4000, far * 1.3) : 250} ariaLabel='到场地点地图' />
      <View className='dd-site'>
        <Text className='dd-site__text'>
          {`蓝圈为报到范围（${radiusM} 米）`}
          {far !== null ? `，您距约定地点约 ${far} 米` : '，获取当前位置后显示您的位置'}
        </Text>
        <View className='btn-secondary dd-site__nav' ariaRole='button' ariaLabel='导航到现场' onClick={navigate}>
          <Text>导航</Text>
        </View>
      </View>
    </Section>
  )
}

/** Location → preview (distance, window) → 确认报到. */
function CheckInPanel(props: {
  call: CallView
  rule: WindowRule
  now?: number
  devLocation?: boolean
  busy: boolean
  error: string
  onSend: (location: GeoPoint) => Promise<boolean>
  /** the officer's position, for the site map */
  onLocated?: (location: GeoPoint) => void
}) {
  const { call, rule, now, devLocation, busy, error, onSend, onLocated } = props
  const [location, setLocationState] = useState<GeoPoint | null>(null)
  const setLocation = (p: GeoPoint) => {
    setLocationState(p)
    onLocated?.(p)
  }
  const [locating, setLocating] = useState(false)
  const [locError, setLocError] = useState('')
  const [manual, setManual] = useState('')

  const locate = async () => {
    setLocating(true)
    setLocError('')
    try {
      setLocation(await currentLocation())
    } catch (err) {
      setLocError(errorText(err, '定位失败，请稍后重试'))
    } finally {
      setLocating(false)
    }
  }

  const applyManual = () => {
    const p = parseLngLat(manual)
    if (!p) return setLocError('请按“经度, 纬度”填写，如 119.2965, 26.0745')
    setLocError('')
    setLocation(p)
  }

  const preview = location ? previewCheckIn(call, location, now ?? Date.now(), rule) : null

  return (
    <Section title='现场报到'>
      <Text className='sx-hint'>
        须在约定地点 {rule.radiusM} 米内、约定时间前 {rule.earlyMin} 分钟至后 {rule.lateMin} 分钟内报到；晚于此记为迟到。
      </Text>
      <View className='dd-row'>
        <View className={`btn-secondary dd-row__btn ${locating ? 'sx-btn--busy' : ''}`} ariaRole='button' ariaLabel='获取当前位置' onClick={locating ? undefined : () => void locate()}>
          <Text>{locating ? '正在定位…' : location ? '重新定位' : '获取当前位置'}</Text>
        </View>
      </View>
      {devLocation ? (
        <View className='sx-field dd-manual'>
          <Text className='sx-field__label'>模拟定位（开发环境）</Text>
          <View className='dd-row'>
            <Input className='sx-input dd-row__input' value={manual} placeholder='经度, 纬度' ariaLabel='模拟定位' onInput={(e) => setManual(e.detail.value)} />
            <View className='btn-secondary dd-row__small' ariaRole='button' ariaLabel='使用模拟定位' onClick={applyManual}>
              <Text>使用</Text>
            </View>
          </View>
        </View>
      ) : null}
      {locError ? <Text className='sx-form-error'>{locError}</Text> : null}
      {preview ? (
        <View className={`sx-verdict ${preview.canSend ? 'sx-verdict--ok' : 'sx-verdict--bad'}`} ariaRole='status'>
          <Text>{preview.text}</Text>
        </View>
      ) : null}
      {error ? <Text className='sx-form-error'>{error}</Text> : null}
      {preview ? (
        <View
          className={`btn-primary ${!preview.canSend || busy ? 'sx-btn--busy' : ''}`}
          ariaRole='button'
          ariaLabel='确认报到'
          onClick={preview.canSend && !busy && location ? () => void onSend(location) : undefined}
        >
          <Text>{busy ? '提交中…' : '确认报到'}</Text>
        </View>
      ) : null}
    </Section>
  )
}

function ConsultSection({ call, group }: { call: CallView; group: CallView[] }) {
  const responsible = call.consultation ? group.find((g) => g.deptId === call.consultation!.responsibleDeptId) : undefined
  return (
    <Section title={`会商（共呼叫 ${group.length} 个部门）`}>
      {group.map((g) => (
        <View key={g.id} className='sx-kv'>
          <Text className='sx-kv__k'>{g.deptName}</Text>
          <Text className='sx-kv__v'>{g.stateLabel}</Text>
        </View>
      ))}
      {call.consultation ? (
        <Text className='dd-line dd-line--strong'>
          会商结果：由{responsible?.deptName ?? '责任部门'}负责
          {call.consultation.note ? `（${call.consultation.note}）` : ''}
        </Text>
      ) : (
        <Text className='sx-hint'>尚未确定责任部门</Text>
      )}
    </Section>
  )
}

function RecordActionSheet({ call, busy, error, onCancel, onInvalid, onSubmit }: CallSheetProps) {
  const [text, setText] = useState('')
  const photos = usePhotoUploads({ max: 9, dir: `calls/${call.id}/action` })
  const submit = () => {
    const problem = photoProblem(photos)
    if (problem) return onInvalid(problem)
    const r = parseInput(recordActionInput, { callId: call.id, expectedVersion: call.version, text, photos: photos.fileIDs })
    if (!r.ok) return onInvalid(r.message)
    onSubmit(r.data as Record<string, unknown>)
  }
  return (
    <Sheet title='填报处置情况' confirmText='提交' busy={busy} error={error} onCancel={onCancel} onConfirm={submit}>
      <TextField multiline label='现场做了什么' value={text} maxlength={1000} placeholder='如：已更换损坏灯具，线路恢复供电' onChange={setText} />
      <PhotoField label='现场照片' photos={photos} />
    </Sheet>
  )
}

const ACCURACY_OPTIONS = (Object.keys(CALL_ACCURACY_LEVELS) as CallAccuracyLevel[]).map((k) => ({ key: k, label: CALL_ACCURACY_LEVELS[k] }))
const CALL_REASON_OPTIONS = CALL_REASON_CODES.map((k) => ({ key: k, label: CALL_REASONS[k], tone: 'negative' as const }))

export function RateCallSheet({ call, busy, error, onCancel, onInvalid, onSubmit }: CallSheetProps) {
  const [level, setLevel] = useState<CallAccuracyLevel | ''>('')
  const [reasons, setReasons] = useState<CallReasonCode[]>([])
  const [note, setNote] = useState('')
  const submit = () => {
    const r = parseInput(rateCallInput, { callId: call.id, expectedVersion: call.version, level: level || undefined, reasons: level === 'accurate' ? [] : reasons, note: note || undefined })
    if (!r.ok) return onInvalid(r.message)
    onSubmit(r.data as Record<string, unknown>)
  }
  return (
    <Sheet title='评价本次呼叫' confirmText='提交评价' busy={busy} error={error} onCancel={onCancel} onConfirm={submit}>
      <Chips label='呼叫是否准确' options={ACCURACY_OPTIONS} selected={level} onToggle={setLevel} />
      {level === 'inaccurate' ? <Chips label='原因（可多选）' options={CALL_REASON_OPTIONS} selected={reasons} onToggle={(r) => setReasons(toggled(reasons, r))} /> : null}
      <TextField multiline label='说明（选填）' value={note} maxlength={300} placeholder='补充说明' onChange={setNote} />
    </Sheet>
  )
}

function ConsultSheet({ call, group, busy, error, onCancel, onInvalid, onSubmit }: CallSheetProps & { group: CallView[] }) {
  const [dept, setDept] = useState<string>(call.consultation?.responsibleDeptId ?? '')
  const [note, setNote] = useState('')
  const options = group.filter((g) => g.state !== 'cancelled').map((g) => ({ key: g.deptId, label: g.deptName }))
  const submit = () => {
    const r = parseInput(consultInput, { groupId: call.groupId, responsibleDeptId: dept, note: note || undefined })
    if (!r.ok) return onInvalid(dept ? r.message : '请选择责任部门')
    onSubmit(r.data as Record<string, unknown>)
  }
  return (
    <Sheet title='会商确定责任部门' confirmText='确认' busy={busy} error={error} onCancel={onCancel} onConfirm={submit}>
      <Chips label='责任部门' options={options} selected={dept} onToggle={setDept} />
      <TextField multiline label='会商意见（选填）' value={note} maxlength={500} placeholder='如：由市政所牵头，供电公司配合' onChange={setNote} />
    </Sheet>
  )
}
