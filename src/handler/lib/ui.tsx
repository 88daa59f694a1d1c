/**
 * Small widgets for the staff modes (handler and dept subpackages): loading / error / empty states,
 * a bottom sheet, selectable chips, a labelled text area and a photo field that uploads to cloud storage.
 * (The citizen-mode colleague is adding shared widgets to src/components; these can move there.)
 */
import { useState, type ReactNode } from 'react'
import Taro from '@tarojs/taro'
import { Image, Text, Textarea, View } from '@tarojs/components'
import { uploadFile } from '@/services/cloud'
import { errorText } from './format'
import './ui.scss'

export function Loading({ text = '正在加载…' }: { text?: string }) {
  return (
    <View className='yx-state' aria-busy='true'>
      <View className='yx-spinner' />
      <Text className='yx-state__text'>{text}</Text>
    </View>
  )
}

export function ErrorState({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <View className='yx-state yx-state--error' ariaRole='alert'>
      <Text className='yx-state__title'>加载失败</Text>
      <Text className='yx-state__text'>{message}</Text>
      <View className='btn-primary yx-state__retry' hoverClass='btn-primary--hover' ariaRole='button' ariaLabel='重试' onClick={onRetry}>
        <Text>重试</Text>
      </View>
    </View>
  )
}

export function EmptyState({ title, hint }: { title: string; hint?: string }) {
  return (
    <View className='yx-state yx-state--empty'>
      <View className='yx-empty-icon' />
      <Text className='yx-state__title'>{title}</Text>
      {hint ? <Text className='yx-state__text'>{hint}</Text> : null}
    </View>
  )
}

/** A labelled section card. */
export function Section({ title, extra, children }: { title: string; extra?: ReactNode; children: ReactNode }) {
  return (
    <View className='yx-section'>
      <View className='yx-section__head'>
        <Text className='yx-section__title'>{title}</Text>
        {extra}
      </View>
      <View className='yx-card'>{children}</View>
    </View>
  )
}

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
  const { title, confirmText = '确定', busy, error, onCancel, onConfirm, children } = props
  return (
    <View className='yx-sheet' ariaRole='dialog' ariaLabel={title}>
      <View className='yx-sheet__mask' onClick={busy ? undefined : onCancel} />
      <View className='yx-sheet__panel'>
        <Text className='yx-sheet__title'>{title}</Text>
        <View className='yx-sheet__body'>{children}</View>
        {error ? (
          <View ariaRole='alert'>
            <Text className='yx-form-error'>{error}</Text>
          </View>
        ) : null}
        <View className='yx-sheet__actions'>
          <View className='btn-secondary yx-sheet__btn' hoverClass='btn-secondary--hover' ariaRole='button' ariaLabel='取消' onClick={busy ? undefined : onCancel}>
            <Text>取消</Text>
          </View>
          <View
            className={`btn-primary yx-sheet__btn ${busy ? 'yx-btn--busy' : ''}`}
            hoverClass='btn-primary--hover'
            ariaRole='button'
            ariaLabel={confirmText}
            onClick={busy ? undefined : onConfirm}
          >
            <Text>{busy ? '提交中…' : confirmText}</Text>
          </View>
        </View>
      </View>
    </View>
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
  const { label, options, selected, multi, onChange } = props
  const toggle = (key: K) => {
    if (!multi) return onChange([key])
    onChange(selected.includes(key) ? selected.filter((k) => k !== key) : [...selected, key])
  }
  return (
    <View className='yx-field'>
      {label ? <Text className='yx-field__label'>{label}</Text> : null}
      <View className='yx-chips'>
        {options.map((o) => {
          const on = selected.includes(o.key)
          return (
            <View
              key={o.key}
              className={`yx-chip ${on ? 'yx-chip--on' : ''} ${o.tone ? `yx-chip--${o.tone}` : ''}`}
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
  return (
    <View className='yx-field'>
      <Text className='yx-field__label'>{label}</Text>
      <Textarea
        className='yx-textarea'
        value={value}
        placeholder={placeholder}
        maxlength={maxlength}
        ariaLabel={label}
        autoHeight
        onInput={(e) => onChange(e.detail.value)}
      />
    </View>
  )
}

/** A stored photo: the mini-program shows cloud:// file ids directly; elsewhere a labelled tile. */
export function PhotoThumb({ fileId, index, all }: { fileId: string; index: number; all?: string[] }) {
  const label = `照片${index + 1}`
  if (process.env.TARO_ENV === 'weapp' || /^https?:\/\//.test(fileId)) {
    return (
      <Image
        className='yx-photo'
        src={fileId}
        mode='aspectFill'
        ariaLabel={label}
        onClick={() => void Taro.previewImage({ urls: all ?? [fileId], current: fileId }).catch(() => undefined)}
      />
    )
  }
  return (
    <View className='yx-photo yx-photo--tile' ariaLabel={label}>
      <Text className='yx-photo__tile-text'>{label}</Text>
    </View>
  )
}

export function PhotoRow({ photos }: { photos: string[] }) {
  if (!photos.length) return null
  return (
    <View className='yx-photos'>
      {photos.map((p, i) => (
        <PhotoThumb key={p} fileId={p} index={i} all={photos} />
      ))}
    </View>
  )
}

/**
 * Pick photos (camera or album) and upload them at once; `value` holds the cloud file ids.
 * `folder` is the cloud path prefix, e.g. `cases/<id>/notes`.
 */
export function PhotoField(props: { label: string; value: string[]; max?: number; folder: string; onChange: (ids: string[]) => void; required?: boolean }) {
  const { label, value, max = 9, folder, onChange, required } = props
  const [uploading, setUploading] = useState(0)
  const [error, setError] = useState('')

  const pick = async () => {
    setError('')
    let paths: string[]
    try {
      const res = await Taro.chooseImage({ count: max - value.length, sizeType: ['compressed'], sourceType: ['camera', 'album'] })
      paths = res.tempFilePaths
    } catch {
      return // cancelled
    }
    setUploading(paths.length)
    const ids: string[] = []
    try {
      for (const [i, path] of paths.entries()) {
        const ext = /\.(png|jpe?g|webp|gif)$/i.exec(path)?.[1] ?? 'jpg'
        ids.push(await uploadFile(path, `${folder}/${Date.now()}-${i}.${ext}`))
      }
    } catch (err) {
      setError(errorText(err, '照片上传失败，请重试'))
    } finally {
      setUploading(0)
      if (ids.length) onChange([...value, ...ids].slice(0, max))
    }
  }

  return (
    <View className='yx-field'>
      <Text className='yx-field__label'>
        {label}
        {required ? <Text className='yx-field__req'>（至少 1 张）</Text> : null}
      </Text>
      <View className='yx-photos'>
        {value.map((id, i) => (
          <View key={id} className='yx-photo-wrap'>
            <PhotoThumb fileId={id} index={i} />
            <View className='yx-photo__remove' ariaRole='button' ariaLabel={`删除照片${i + 1}`} onClick={() => onChange(value.filter((x) => x !== id))}>
              <Text>×</Text>
            </View>
          </View>
        ))}
        {value.length < max ? (
          <View className='yx-photo yx-photo--add' ariaRole='button' ariaLabel='添加照片' onClick={uploading ? undefined : () => void pick()}>
            <Text className='yx-photo__plus'>{uploading ? '上传中' : '+'}</Text>
          </View>
        ) : null}
      </View>
      {error ? <Text className='yx-form-error'>{error}</Text> : null}
    </View>
  )
}

/** Toast that never throws (H5/jsdom have no native toast in tests). */
export function toast(title: string, icon: 'success' | 'none' = 'none') {
  try {
    void Promise.resolve(Taro.showToast({ title, icon })).catch(() => undefined)
  } catch {
    /* no toast on this platform */
  }
}
