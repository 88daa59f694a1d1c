/**
 * The staff kit (handler, department, leader and admin pages): a section card, a bottom sheet, selectable chips,
 * a labelled text field, a form's error line and save button, a photo row and a photo field, and the gate that shows
 * loading / error / the data of a `useLoad`. Loading / empty / error views, the timeline and photos (PhotoStrip,
 * PhotoPicker with upload progress and retry) are the shared widgets of src/components. One stylesheet: staff.scss.
 */
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react'
import Taro from '@tarojs/taro'
import { Input, Picker, Text, Textarea, View } from '@tarojs/components'
import PhotoStrip from '@/components/PhotoStrip'
import PhotoPicker, { type PhotoUploads } from '@/components/PhotoPicker'
import Loading from '@/components/Loading'
import ErrorState from '@/components/ErrorState'
import { loadBootstrap } from '@/services/meta'
import { requestSubscribe, templateIdsFor } from '@/services/subscribe'
import type { CallView } from '@domain/contract'
import type { Load, More } from './use-load'
import './staff.scss'

export { Loading, ErrorState }
export { default as EmptyState } from '@/components/EmptyState'
export { default as Timeline, logToTimeline } from '@/components/Timeline'
export { usePhotoUploads } from '@/components/PhotoPicker'

/**
 * The data of a load once it is there (`children(data)`, or nothing); the spinner before, the error view (with 重试)
 * when it failed. `inline` inside a card.
 */
export function LoadGate<T>(props: { state: Load<T>; onRetry: () => unknown; loadingText?: string; inline?: boolean; children?: (data: T) => JSX.Element }) {
  const { state, onRetry, loadingText, inline, children } = props
  if (state.status === 'loading') return <Loading text={loadingText} inline={inline} />
  if (state.status === 'error') return <ErrorState message={state.message} code={state.code} onRetry={() => void onRetry()} />
  return children ? children(state.data) : null
}

/** A labelled section card. */
export function Section({ title, extra, children }: { title: string; extra?: ReactNode; children: ReactNode }) {
  return (
    <View className='sx-section'>
      <View className='sx-section__head'>
        <Text className='sx-section__title'>{title}</Text>
        {extra}
      </View>
      <View className='sx-card'>{children}</View>
    </View>
  )
}

/**
 * Inside a Sheet: tells it the person changed a field. A form's red message is about what was there when it was sent;
 * once a field changes, it goes (it comes back on the next 提交 if still true). The fields below call it.
 */
const SheetEdited = createContext<(() => void) | null>(null)
const useEdited = () => useContext(SheetEdited) ?? (() => undefined)

/** Bottom sheet with a title, the form, and 取消 / confirm. */
export function Sheet(props: {
  title: string
  confirmText?: string
  busy?: boolean
  error?: string
  onCancel: () => void
  onConfirm: () => void
  children: ReactNode
}) {
  const { title, confirmText = '确定', busy, error: given, onCancel, onConfirm, children } = props
  const [edited, setEdited] = useState(false)
  const error = edited ? undefined : given
  const confirm = () => {
    setEdited(false)
    onConfirm()
  }
  return (
    <SheetEdited.Provider value={() => setEdited(true)}>
    <View className='sx-sheet' ariaRole='dialog' ariaLabel={title}>
      <View className='sx-sheet__mask' onClick={busy ? undefined : onCancel} />
      <View className='sx-sheet__panel'>
        <Text className='sx-sheet__title'>{title}</Text>
        <View className='sx-sheet__body'>{children}</View>
        <FormError error={error} />
        <View className='sx-sheet__actions'>
          <View className='btn-secondary sx-sheet__btn' hoverClass='btn-secondary--hover' ariaRole='button' ariaLabel='取消' onClick={busy ? undefined : onCancel}>
            <Text>取消</Text>
          </View>
          <View
            className={`btn-primary sx-sheet__btn ${busy ? 'sx-btn--busy' : ''}`}
            hoverClass='btn-primary--hover'
            ariaRole='button'
            ariaLabel={confirmText}
            onClick={busy ? undefined : confirm}
          >
            <Text>{busy ? '提交中…' : confirmText}</Text>
          </View>
        </View>
      </View>
    </View>
    </SheetEdited.Provider>
  )
}

/** What a form sheet about one call gets from its screen: send `onSubmit(payload)`, or report `onInvalid(message)`. */
export interface CallSheetProps {
  call: CallView
  busy: boolean
  error: string
  onCancel: () => void
  onInvalid: (m: string) => void
  onSubmit: (payload: Record<string, unknown>) => void
}

/**
 * A list page's tabs, each with its count when known ("待签收 1"); announced as "待签收 1 件". Four or more tabs stack
 * the count under the label so every label keeps its line (特大字 included).
 */
export function TabBar<K extends string>({ tabs, value, onChange }: { tabs: { key: K; label: string; count?: number }[]; value: K; onChange: (key: K) => void }) {
  return (
    <View className={`sx-tabs ${tabs.length > 3 ? 'sx-tabs--many' : ''}`} ariaRole='tablist'>
      {tabs.map((t) => (
        <View
          key={t.key}
          className={`sx-tab ${value === t.key ? 'sx-tab--on' : ''}`}
          ariaRole='tab'
          ariaLabel={t.count === undefined ? t.label : `${t.label} ${t.count} 件`}
          onClick={() => onChange(t.key)}
        >
          <Text>{t.label}</Text>
          {t.count !== undefined ? <Text className='sx-tab__count'>{t.count}</Text> : null}
        </View>
      ))}
    </View>
  )
}

export interface ChipOption<K extends string> {
  key: K
  label: string
  tone?: 'positive' | 'negative' | 'neutral'
}

/** `list` with `key` added, or taken out when it is there (for a multiple choice). */
export function toggled<K extends string>(list: K[], key: K): K[] {
  return list.includes(key) ? list.filter((k) => k !== key) : [...list, key]
}

/**
 * Tappable chips under a label: one choice when `selected` is a value ('' for none), several when it is a list.
 * `onToggle` gets the chip tapped (with a list, `toggled(list, key)` is the next list).
 */
export function Chips<K extends string>(props: {
  label?: string
  options: ChipOption<K>[]
  selected: K[] | K | ''
  onToggle: (key: K) => void
}) {
  const { label, options, selected, onToggle } = props
  const edited = useEdited()
  const multi = Array.isArray(selected)
  const isOn = (k: K) => (multi ? selected.includes(k) : selected === k)
  return (
    <View className='sx-field'>
      {label ? <Text className='sx-field__label'>{label}</Text> : null}
      <View className='sx-chips' ariaRole={multi ? 'group' : 'radiogroup'} ariaLabel={label}>
        {options.map((o) => {
          const on = isOn(o.key)
          return (
            <View
              key={o.key}
              className={`sx-chip ${on ? 'sx-chip--on' : ''} ${o.tone ? `sx-chip--${o.tone}` : ''}`}
              ariaRole={multi ? 'checkbox' : 'radio'}
              ariaLabel={on ? `${o.label}，已选中` : o.label}
              onClick={() => {
                edited()
                onToggle(o.key)
              }}
            >
              <Text>{o.label}</Text>
            </View>
          )
        })}
      </View>
    </View>
  )
}

/** A labelled field around any input (pickers, switches). */
export function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <View className='sx-field'>
      <Text className='sx-field__label'>{label}</Text>
      {children}
    </View>
  )
}

/** A labelled text input; `multiline` for a text area (notes, reasons). */
export function TextField(props: {
  label: string
  value: string
  placeholder?: string
  maxlength?: number
  multiline?: boolean
  type?: 'text' | 'number' | 'digit'
  onChange: (v: string) => void
}) {
  const { label, value, placeholder, maxlength, multiline, type = 'text', onChange } = props
  const edited = useEdited()
  const onInput = (e: { detail: { value: string } }) => {
    edited()
    onChange(e.detail.value)
  }
  return (
    <Field label={label}>
      {multiline ? (
        <Textarea className='sx-textarea' value={value} placeholder={placeholder} maxlength={maxlength ?? 500} ariaLabel={label} autoHeight onInput={onInput} />
      ) : (
        <Input className='sx-input' type={type} value={value} placeholder={placeholder} maxlength={maxlength ?? 140} ariaLabel={label} onInput={onInput} />
      )}
    </Field>
  )
}

/**
 * A date picker and a time picker side by side ("YYYY-MM-DD", "HH:mm", as `pickerParts` / `fromPickers` read them);
 * each announces itself by its label.
 */
export function DateTimePickers(props: {
  date: string
  time: string
  /** earliest date offered */
  start?: string
  dateLabel: string
  timeLabel: string
  onChange: (next: { date: string; time: string }) => void
}) {
  const { date, time, start, dateLabel, timeLabel, onChange } = props
  const edited = useEdited()
  return (
    <View className='sx-pickers'>
      <Picker className='sx-pickers__item' mode='date' value={date} start={start} onChange={(e) => (edited(), onChange({ date: String(e.detail.value), time }))}>
        <View className='sx-picker' ariaLabel={dateLabel}>
          <Text>{date}</Text>
        </View>
      </Picker>
      <Picker className='sx-pickers__item' mode='time' value={time} onChange={(e) => (edited(), onChange({ date, time: String(e.detail.value) }))}>
        <View className='sx-picker' ariaLabel={timeLabel}>
          <Text>{time}</Text>
        </View>
      </Picker>
    </View>
  )
}

/** A form's red message (what was wrong when it was sent), announced. */
export function FormError({ error }: { error?: string | null }) {
  return error ? (
    <View ariaRole='alert'>
      <Text className='sx-form-error'>{error}</Text>
    </View>
  ) : null
}

/** A secondary action of a page form (取消, 关闭, 搜索…): an outlined button named by its text. */
export function SecondaryButton({ text, onClick }: { text: string; onClick: () => unknown }) {
  return (
    <View className='btn-secondary' hoverClass='btn-secondary--hover' ariaRole='button' ariaLabel={text} onClick={() => void onClick()}>
      <Text>{text}</Text>
    </View>
  )
}

/** A page form's save button: disabled and 正在保存… while busy. */
export function PrimaryButton({ text, busy, onClick }: { text: string; busy?: boolean; onClick: () => unknown }) {
  return (
    <View className='lv-actions'>
      <View
        className={`btn-primary ${busy ? 'btn-disabled' : ''}`}
        hoverClass='btn-primary--hover'
        ariaRole='button'
        ariaLabel={text}
        onClick={() => !busy && void onClick()}
      >
        <Text>{busy ? '正在保存…' : text}</Text>
      </View>
    </View>
  )
}

/** 加载更多 under a paged list (`useMore`): why the last page failed, and the button while there is a next page. */
export function LoadMore({ more, label = '加载更多', text = label }: { more: Pick<More<unknown>, 'cursor' | 'busy' | 'error' | 'loadMore'>; label?: string; text?: string }) {
  return (
    <View className='sx-more'>
      {more.error ? <Text className='lv-note'>{more.error}</Text> : null}
      {more.cursor !== null ? (
        <View className='btn-secondary' hoverClass='btn-secondary--hover' ariaRole='button' ariaLabel={label} onClick={() => void more.loadMore()}>
          <Text>{more.busy ? '正在加载…' : text}</Text>
        </View>
      ) : null}
    </View>
  )
}

/**
 * 接收…提醒: asks WeChat for the `keys` message subscriptions. WeChat grants them only from the tap itself, so the
 * templates are read beforehand (meta.bootstrap) and the request goes out synchronously on the tap.
 */
export function SubscribeButton({ label, keys, okText }: { label: string; keys: string[]; okText: string }) {
  const [templates, setTemplates] = useState<Record<string, string> | undefined>()
  useEffect(() => {
    loadBootstrap()
      .then((meta) => setTemplates(meta.templates))
      .catch(() => undefined)
  }, [])
  const subscribe = () => {
    if (process.env.TARO_ENV !== 'weapp') return toast('消息提醒仅在微信小程序中可用')
    const ids = templateIdsFor(templates, keys)
    if (!ids.length) return toast('暂未配置消息模板')
    void requestSubscribe(ids).then((accepted) => toast(accepted.length ? okText : '您未同意接收提醒', accepted.length ? 'success' : 'none'))
  }
  return (
    <View className='sx-subscribe' ariaRole='button' ariaLabel={label} onClick={subscribe}>
      <Text>{label}</Text>
    </View>
  )
}

/** Stored photos (cloud file ids), tap to preview. */
export function PhotoRow({ photos, label = '照片' }: { photos: string[]; label?: string }) {
  return <PhotoStrip photos={photos} label={label} className='sx-photo-row' photoClassName='sx-photo' />
}

/** A labelled PhotoPicker; the form reads `photos.fileIDs` and checks `photoProblem(photos)` before sending. */
export function PhotoField({ label, photos, required }: { label: string; photos: PhotoUploads; required?: boolean }) {
  return (
    <View className='sx-field'>
      <Text className='sx-field__label'>
        {label}
        {required ? <Text className='sx-field__req'>（至少 1 张）</Text> : null}
      </Text>
      <PhotoPicker photos={photos} />
    </View>
  )
}

/** Why the photos cannot be sent yet, or null. */
export function photoProblem(photos: Pick<PhotoUploads, 'busy' | 'failed'>): string | null {
  if (photos.busy) return '照片正在上传，请稍候'
  if (photos.failed) return '有照片上传失败，请点击重试或删除'
  return null
}

/** Toast that never throws (H5/jsdom have no native toast in tests). */
export function toast(title: string, icon: 'success' | 'none' = 'none') {
  try {
    void Promise.resolve(Taro.showToast({ title, icon })).catch(() => undefined)
  } catch {
    /* no toast on this platform */
  }
}
