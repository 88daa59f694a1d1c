/**
 * Staff-mode form pieces (handler and dept subpackages): a section card, a bottom sheet, selectable chips,
 * a labelled text area, a photo row and a photo field. Loading / empty / error states, photos (PhotoStrip,
 * PhotoPicker with upload progress and retry) come from the shared widgets in src/components.
 */
import { createContext, useContext, useState, type ReactNode } from 'react'
import Taro from '@tarojs/taro'
import { Text, Textarea, View } from '@tarojs/components'
import PhotoStrip from '@/components/PhotoStrip'
import PhotoPicker, { type PhotoUploads } from '@/components/PhotoPicker'
import './ui.scss'

export { default as Loading } from '@/components/Loading'
export { default as ErrorState } from '@/components/ErrorState'
export { default as EmptyState } from '@/components/EmptyState'
export { usePhotoUploads } from '@/components/PhotoPicker'

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
        {error ? (
          <View ariaRole='alert'>
            <Text className='sx-form-error'>{error}</Text>
          </View>
        ) : null}
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

export interface ChipOption<K extends string> {
  key: K
  label: string
  tone?: 'positive' | 'negative' | 'neutral'
}

/** Tappable chips; `multi` lets several be selected. */
export function Chips<K extends string>(props: {
  label?: string
  options: ChipOption<K>[]
  selected: K[]
  multi?: boolean
  onChange: (next: K[]) => void
}) {
  const { label, options, selected, multi, onChange: change } = props
  const edited = useEdited()
  const onChange = (next: K[]) => {
    edited()
    change(next)
  }
  const toggle = (key: K) => {
    if (!multi) return onChange([key])
    onChange(selected.includes(key) ? selected.filter((k) => k !== key) : [...selected, key])
  }
  return (
    <View className='sx-field'>
      {label ? <Text className='sx-field__label'>{label}</Text> : null}
      <View className='sx-chips'>
        {options.map((o) => {
          const on = selected.includes(o.key)
          return (
            <View
              key={o.key}
              className={`sx-chip ${on ? 'sx-chip--on' : ''} ${o.tone ? `sx-chip--${o.tone}` : ''}`}
              ariaRole={multi ? 'checkbox' : 'radio'}
              ariaLabel={on ? `${o.label}，已选中` : o.label}
              onClick={() => toggle(o.key)}
            >
              <Text>{o.label}</Text>
            </View>
          )
        })}
      </View>
    </View>
  )
}

export function TextField(props: { label: string; value: string; placeholder?: string; maxlength?: number; onChange: (v: string) => void }) {
  const { label, value, placeholder, maxlength = 500, onChange } = props
  const edited = useEdited()
  return (
    <View className='sx-field'>
      <Text className='sx-field__label'>{label}</Text>
      <Textarea
        className='sx-textarea'
        value={value}
        placeholder={placeholder}
        maxlength={maxlength}
        ariaLabel={label}
        autoHeight
        onInput={(e) => {
          edited()
          onChange(e.detail.value)
        }}
      />
    </View>
  )
}

/** Stored photos (cloud file ids), tap to preview. */
export function PhotoRow({ photos }: { photos: string[] }) {
  return <PhotoStrip photos={photos} label='照片' className='sx-photo-row' photoClassName='sx-photo' />
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
