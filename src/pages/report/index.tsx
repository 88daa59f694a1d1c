import { useCallback, useEffect, useRef, useState } from 'react'
import { scrollToAnchor, scrollToTop } from '@/services/scroll'
import { PHONE_NOTICE } from '@domain/access/projection'
import { Input, Text, Textarea, View } from '@tarojs/components'
import PhotoPicker, { usePhotoUploads } from '@/components/PhotoPicker'
import LocationPicker, { type LocationValue } from '@/components/LocationPicker'
import PrivacyPrompt from '@/components/PrivacyPrompt'
import Loading from '@/components/Loading'
import ErrorState from '@/components/ErrorState'
import { useElderClass } from '@/components/ElderMode'
import { ApiError, callApi } from '@/services/cloud'
import { loadBootstrap } from '@/services/meta'
import { CITIZEN_SUBSCRIBE_KEYS, requestSubscribe, templateIdsFor } from '@/services/subscribe'
import { errorText } from '@/services/format'
import type { ApiInput, Bootstrap, CategorySuggestion, ReportResult } from '@domain/contract'
import { clearDraft, hasContent, loadDraft, newDraft, saveDraft, type ReportDraft } from './draft'
import { buildPayload, validateDraft, type FieldErrors } from './payload'
import SuccessView from './success-view'
import NearbyCases, { type NearbyState } from './nearby-cases'
import Taro from '@tarojs/taro'
import { useDistrictMap } from '@/services/geo'
import { NEARBY_DEFAULT_RADIUS_M } from '@domain/case/case-nearby'
import type { MapMarker } from '@/components/DistrictMap'
import './index.scss'
import { codeOf } from '@/components/ErrorState/error-kind'

/** Wait this long after the last keystroke before asking for a category suggestion. */
export const SUGGEST_DEBOUNCE_MS = 600
const SUGGEST_MIN_CHARS = 4

/** The form's fields top to bottom, with the name a person reads in the error summary and the anchor to scroll to. */
const FIELD_ORDER: Array<{ key: keyof FieldErrors; label: string; anchor?: string }> = [
  { key: 'photos', label: '现场照片', anchor: 'report-photos' },
  { key: 'description', label: '问题描述', anchor: 'report-description' },
  { key: 'category', label: '问题类别', anchor: 'report-category' },
  { key: 'location', label: '问题位置', anchor: 'report-location' },
  { key: 'phone', label: '联系电话', anchor: 'report-phone' },
  { key: 'form', label: '提交' },
]

/** The first error of the form, top to bottom (what the summary beside 提交 says). */
export function firstError(errors: FieldErrors): { label: string; message: string; anchor?: string } | null {
  for (const f of FIELD_ORDER) {
    const message = errors[f.key]
    if (message) return { label: f.label, message, anchor: f.anchor }
  }
  return null
}

function scrollTo(anchor: string | undefined) {
  if (anchor) scrollToAnchor(anchor)
  else scrollToTop()
}

type Meta = { status: 'loading' } | { status: 'error'; message: string; code?: string } | { status: 'ready'; data: Bootstrap }

/** 随手拍: photos, place, category (with the system's suggestion), description, phone → case.report. */
export default function ReportPage() {
  const elder = useElderClass()
  const [initial] = useState(() => loadDraft())
  const [draft, setDraft] = useState<ReportDraft>(() => initial ?? newDraft())
  const [restored, setRestored] = useState(() => !!initial && hasContent(initial))
  const photos = usePhotoUploads({ max: 9, dir: 'reports', initial: initial?.photos })
  const [meta, setMeta] = useState<Meta>({ status: 'loading' })
  const [errors, setErrors] = useState<FieldErrors>({})
  const [submitting, setSubmitting] = useState(false)
  const [submitError, setSubmitError] = useState<string | null>(null)
  const [result, setResult] = useState<ReportResult | null>(null)
  const [suggestion, setSuggestion] = useState<CategorySuggestion | null>(null)
  const [showCategories, setShowCategories] = useState(false)
  const submittingRef = useRef(false)
  const { geo } = useDistrictMap()
  const [nearby, setNearby] = useState<NearbyState>({ status: 'idle' })
  const [nearbyTick, setNearbyTick] = useState(0)
  const [joining, setJoining] = useState<string | null>(null)
  const [joined, setJoined] = useState<{ caseId: string; reporters: number } | null>(null)

  const loadMeta = useCallback(async () => {
    setMeta({ status: 'loading' })
    try {
      setMeta({ status: 'ready', data: await loadBootstrap() })
    } catch (err) {
      setMeta({ status: 'error', message: errorText(err, '加载失败，请稍后重试'), code: codeOf(err) })
    }
  }, [])

  useEffect(() => {
    void loadMeta()
  }, [loadMeta])

  // Keep the draft on the device (photos: the uploaded ones).
  const photoKey = photos.fileIDs.join('|')
  useEffect(() => {
    if (result) return
    const d = { ...draft, photos: photos.fileIDs }
    if (hasContent(d) || initial) saveDraft(d)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [draft, photoKey, result])

  // Category suggestion from the description, debounced; the latest answer wins.
  const suggestTicket = useRef(0)
  useEffect(() => {
    const text = draft.description.trim()
    const ticket = ++suggestTicket.current
    if (draft.categoryCode || text.length < SUGGEST_MIN_CHARS) {
      setSuggestion(null)
      return undefined
    }
    const timer = setTimeout(() => {
      callApi('case.suggestCategory', { text }).then(
        (list) => {
          if (ticket === suggestTicket.current) setSuggestion(Array.isArray(list) && list.length ? list[0] : null)
        },
        () => {
          // a suggestion is a nicety: stay quiet
        },
      )
    }, SUGGEST_DEBOUNCE_MS)
    return () => clearTimeout(timer)
  }, [draft.description, draft.categoryCode])

  // Open cases near the pin, of the chosen (or the suggested) category: 我也遇到了 instead of a new report.
  const pinKey = draft.location.point && !draft.location.outside && !draft.location.noLocation ? draft.location.point.join(',') : ''
  const likelyCode = draft.categoryCode ?? suggestion?.code
  const nearbyTicket = useRef(0)
  useEffect(() => {
    const ticket = ++nearbyTicket.current
    if (!pinKey) {
      setNearby({ status: 'idle' })
      return undefined
    }
    const point = pinKey.split(',').map(Number)
    setNearby({ status: 'loading' })
    const timer = setTimeout(() => {
      callApi('case.nearby', { point: point as [number, number], ...(likelyCode ? { categoryCodes: [likelyCode] } : {}) }).then(
        (r) => ticket === nearbyTicket.current && setNearby({ status: 'ready', radiusM: r.radiusM, items: r.items }),
        (err) => ticket === nearbyTicket.current && setNearby({ status: 'error', message: errorText(err, '暂时无法查看附近的诉求') }),
      )
    }, 300)
    return () => clearTimeout(timer)
  }, [pinKey, likelyCode, nearbyTick])

  const join = (caseId: string) => {
    setJoining(caseId)
    callApi('case.join', { caseId }).then(
      (r) => {
        setJoining(null)
        clearDraft()
        setJoined({ caseId: r.caseId, reporters: r.reporters ?? 1 })
      },
      (err) => {
        setJoining(null)
        setSubmitError(errorText(err, '加入失败，请稍后重试'))
      },
    )
  }

  const update = (change: Partial<ReportDraft>) => {
    setDraft((d) => ({ ...d, ...change }))
    setRestored(false)
    const fields = Object.keys(change) as (keyof ReportDraft)[]
    setErrors((e) => {
      const next = { ...e }
      for (const f of fields) {
        if (f === 'description') delete next.description
        if (f === 'phone') delete next.phone
        if (f === 'location') delete next.location
        if (f === 'categoryCode') delete next.category
      }
      return next
    })
  }

  const startOver = () => {
    clearDraft()
    setDraft(newDraft())
    photos.reset([])
    setErrors({})
    setSubmitError(null)
    setResult(null)
    setSuggestion(null)
    setRestored(false)
    setJoined(null)
  }

  const submit = () => {
    if (submittingRef.current) return
    setSubmitError(null)
    const current = { ...draft, photos: photos.fileIDs }
    const photoProblem = photos.busy ? '照片正在上传，请稍候再提交' : photos.failed ? '有照片上传失败，请点击重试或删除后再提交' : undefined
    const checked = validateDraft(current)
    const found: FieldErrors = checked.ok ? {} : { ...checked.errors }
    if (photoProblem) found.photos = photoProblem
    if (Object.keys(found).length) {
      setErrors(found)
      // the summary beside 提交 says what is missing; the page also brings the first field into view
      scrollTo(firstError(found)?.anchor)
      return
    }
    submittingRef.current = true
    setSubmitting(true)
    // Must start inside the tap: WeChat only asks for subscriptions from a user gesture.
    const templates = meta.status === 'ready' ? meta.data.templates : undefined
    const asked = requestSubscribe(templateIdsFor(templates, CITIZEN_SUBSCRIBE_KEYS))
    void (async () => {
      try {
        await asked
        const res = await callApi('case.report', buildPayload(current) as ApiInput<'case.report'>)
        clearDraft()
        setResult(res)
      } catch (err) {
        if (err instanceof ApiError && err.code === 'CONTENT_RISKY') {
          setErrors({ description: err.message })
        } else if (err instanceof ApiError && err.code === 'INVALID_INPUT') {
          setSubmitError(err.message)
        } else {
          setSubmitError(`${errorText(err, '提交失败')}。内容已保存在本机，可直接重新提交。`)
        }
      } finally {
        submittingRef.current = false
        setSubmitting(false)
      }
    })()
  }

  if (result) {
    return (
      <SuccessView
        result={result}
        sla={meta.status === 'ready' ? meta.data.sla : undefined}
        onAgain={startOver}
      />
    )
  }

  if (joined) {
    return (
      <View className={`yx-page report report--done ${elder}`}>
        <View className='report__card report__done'>
          <View className='report__done-icon'>
            <Text>✓</Text>
          </View>
          <Text className='report__done-title'>已加入该诉求</Text>
          <Text className='report__done-id'>诉求编号 {joined.caseId}</Text>
          <Text className='report__hint'>共 {joined.reporters} 人反映了这个问题。您会收到办理进度通知，可在“我的诉求”中跟进，办结后也可以评价。</Text>
          <View className='btn-primary report__submit' hoverClass='btn-primary--hover' ariaRole='button' ariaLabel='查看诉求' onClick={() => void Taro.navigateTo({ url: `/pages/case/index?id=${encodeURIComponent(joined.caseId)}` })}>
            <Text>查看诉求</Text>
          </View>
          <View className='btn-secondary report__submit' hoverClass='btn-secondary--hover' ariaRole='button' ariaLabel='上报其他问题' onClick={startOver}>
            <Text>上报其他问题</Text>
          </View>
        </View>
      </View>
    )
  }

  if (meta.status === 'loading') return <Loading />
  if (meta.status === 'error') return <ErrorState message={meta.message} code={meta.code} onRetry={() => void loadMeta()} />

  const { categories, streets, communities } = meta.data
  const chosen = categories.find((c) => c.code === draft.categoryCode)

  return (
    <View className={`yx-page report ${elder}`}>
      {restored ? (
        <View className='report__notice'>
          <Text className='report__notice-text'>已恢复上次未提交的内容</Text>
          <View className='report__notice-link' ariaRole='button' ariaLabel='清空草稿' onClick={startOver}>
            <Text>清空</Text>
          </View>
        </View>
      ) : null}

      <View className='report__card' id='report-photos'>
        <Text className='report__label'>现场照片（选填，最多 9 张）</Text>
        <PhotoPicker photos={photos} disabled={submitting} />
        {errors.photos ? <Text className='yx-field-error'>{errors.photos}</Text> : null}
      </View>

      <View className='report__card' id='report-description'>
        <Text className='report__label report__label--required'>问题描述</Text>
        <Textarea
          className='report__textarea'
          value={draft.description}
          maxlength={500}
          disabled={submitting}
          placeholder='请描述问题的情况，如：某路段路灯连续三晚不亮'
          ariaLabel='问题描述'
          onInput={(e) => update({ description: e.detail.value })}
        />
        <Text className='report__counter'>{draft.description.trim().length}/500</Text>
        {errors.description ? <Text className='yx-field-error'>{errors.description}</Text> : null}
      </View>

      <View className='report__card' id='report-category'>
        <Text className='report__label'>问题类别</Text>
        {suggestion && !draft.categoryCode ? (
          <View
            className='report__suggestion'
            hoverClass='report__suggestion--hover'
            ariaRole='button'
            ariaLabel={`采用系统判断：${suggestion.name}`}
            onClick={() => update({ categoryCode: suggestion.code })}
          >
            <Text className='report__suggestion-text'>
              系统判断可能是：{suggestion.name} ({Math.round(suggestion.score * 100)}%)
            </Text>
            <Text className='report__suggestion-action'>采用</Text>
          </View>
        ) : null}
        <View
          className='report__select'
          hoverClass='report__select--hover'
          ariaRole='button'
          ariaLabel='选择问题类别'
          onClick={() => setShowCategories((v) => !v)}
        >
          <Text className={chosen ? 'report__select-value' : 'report__select-placeholder'}>
            {chosen ? chosen.name : '不确定，由系统智能判断'}
          </Text>
          <Text className='report__select-arrow'>{showCategories ? '收起' : '选择'}</Text>
        </View>
        {showCategories ? (
          <View className='report__categories' ariaRole='radiogroup' ariaLabel='问题类别'>
            <View
              className={`yx-chip ${!draft.categoryCode ? 'yx-chip--on' : ''}`}
              ariaRole='radio'
              ariaLabel='由系统判断'
              onClick={() => {
                update({ categoryCode: undefined })
                setShowCategories(false)
              }}
            >
              <Text>由系统判断</Text>
            </View>
            {categories.map((c) => (
              <View
                key={c.code}
                className={`yx-chip ${draft.categoryCode === c.code ? 'yx-chip--on' : ''}`}
                ariaRole='radio'
                ariaLabel={c.name}
                onClick={() => {
                  update({ categoryCode: c.code })
                  setShowCategories(false)
                }}
              >
                <Text>{c.name}</Text>
              </View>
            ))}
          </View>
        ) : null}
        {errors.category ? <Text className='yx-field-error'>{errors.category}</Text> : null}
      </View>

      <View className='report__card' id='report-location'>
        <Text className='report__label'>问题位置</Text>
        <LocationPicker
          value={draft.location}
          onChange={(location: LocationValue) => update({ location })}
          streets={streets}
          communities={communities}
          geo={geo}
          markers={nearby.status === 'ready' ? nearby.items.map((c, i): MapMarker => ({ id: c.id, point: c.point, label: String(i + 1), color: '#ff7d00' })) : undefined}
          radiusM={NEARBY_DEFAULT_RADIUS_M}
          error={errors.location}
          disabled={submitting}
        />
        <NearbyCases state={nearby} joining={joining} onJoin={join} onRetry={() => setNearbyTick((n) => n + 1)} />
      </View>

      <View className='report__card' id='report-phone'>
        <Text className='report__label'>联系电话（选填，便于回访）</Text>
        <Input
          className='report__input'
          type='number'
          value={draft.phone}
          maxlength={20}
          disabled={submitting}
          placeholder='手机号或固定电话'
          ariaLabel='联系电话'
          onInput={(e) => update({ phone: e.detail.value })}
        />
        {errors.phone ? <Text className='yx-field-error'>{errors.phone}</Text> : null}
        <Text className='report__hint'>{PHONE_NOTICE}</Text>
      </View>

      {firstError(errors) ? (
        <View className='report__submit-error' ariaRole='alert'>
          <Text>
            {firstError(errors)!.label === '提交' ? firstError(errors)!.message : `${firstError(errors)!.label}：${firstError(errors)!.message}`}
            {Object.values(errors).filter(Boolean).length > 1 ? `（另有${Object.values(errors).filter(Boolean).length - 1}处需要完善，已在上方标出）` : ''}
          </Text>
        </View>
      ) : null}
      {submitError ? (
        <View className='report__submit-error' ariaRole='alert'>
          <Text>{submitError}</Text>
        </View>
      ) : null}

      <View
        className={`btn-primary report__submit ${submitting ? 'report__submit--busy' : ''}`}
        hoverClass='btn-primary--hover'
        ariaRole='button'
        ariaLabel='提交'
        onClick={submit}
      >
        <Text>{submitting ? '正在提交…' : '提交'}</Text>
      </View>
      <Text className='report__footnote'>提交后由属地街镇签收处置，进度可在“我的诉求”中查看。</Text>
      {/* 照片 (album / camera) and 在地图上选点 ask WeChat first */}
      <PrivacyPrompt />
    </View>
  )
}
