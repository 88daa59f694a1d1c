import { previewImage, showToast } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import CloudImage, { resolveImageUrl } from '@/components/CloudImage'
import { errorText } from '@/services/format'
import type { PhotoUploads } from './use-photo-uploads'
import './index.scss'

export { usePhotoUploads } from './use-photo-uploads'
export type { PhotoItem, PhotoStatus, PhotoUploadOptions, PhotoUploads } from './use-photo-uploads'

export interface PhotoPickerProps {
  /** from `usePhotoUploads({ max, dir })` */
  photos: PhotoUploads
  disabled?: boolean
  /** e.g. 添加照片 */
  addText?: string
}

/**
 * A 3-column grid of photos with a tile to add more (up to `max`). Each photo shows its upload progress;
 * a failed one offers 重试; × removes; tapping a photo previews it full screen.
 *
 *   const photos = usePhotoUploads({ max: 9, dir: 'reports' })
 *   <PhotoPicker photos={photos} />   … photos.fileIDs, photos.busy
 */
export default function PhotoPicker({ photos, disabled = false, addText = '添加照片' }: PhotoPickerProps) {
  const { items, max } = photos

  const preview = async (index: number) => {
    try {
      const urls = await Promise.all(items.map((it) => resolveImageUrl(it.preview)))
      await previewImage({ urls, current: urls[index] })
    } catch {
      // preview is a nicety; nothing to report
    }
  }

  const add = () => {
    if (disabled) return
    photos.add().catch((err: unknown) => {
      void showToast({ title: errorText(err, '无法打开相册'), icon: 'none' })
    })
  }

  return (
    <View className='yx-photos'>
      {items.map((it, index) => (
        <View className='yx-photos__cell' key={it.key} data-status={it.status}>
          <CloudImage className='yx-photos__img' src={it.preview} ariaLabel={`照片${index + 1}`} onClick={() => void preview(index)} />
          {it.status === 'uploading' ? (
            <View className='yx-photos__mask' ariaLabel={`照片${index + 1}上传中 ${it.progress}%`}>
              <Text className='yx-photos__progress'>{it.progress}%</Text>
              <View className='yx-photos__bar'>
                <View className='yx-photos__bar-fill' style={{ width: `${it.progress}%` }} />
              </View>
            </View>
          ) : null}
          {it.status === 'error' ? (
            <View
              className='yx-photos__mask yx-photos__mask--error'
              ariaRole='button'
              ariaLabel={`照片${index + 1}上传失败，点击重试`}
              onClick={() => photos.retry(it.key)}
            >
              <Text className='yx-photos__failed'>上传失败</Text>
              <Text className='yx-photos__retry'>重试</Text>
            </View>
          ) : null}
          {!disabled ? (
            <View
              className='yx-photos__remove'
              ariaRole='button'
              ariaLabel={`删除照片${index + 1}`}
              onClick={(e) => {
                e.stopPropagation()
                photos.remove(it.key)
              }}
            >
              <Text className='yx-photos__remove-x'>×</Text>
            </View>
          ) : null}
        </View>
      ))}
      {items.length < max && !disabled ? (
        <View className='yx-photos__cell yx-photos__add' hoverClass='yx-photos__add--hover' ariaRole='button' ariaLabel={addText} onClick={add}>
          <Text className='yx-photos__plus'>+</Text>
          <Text className='yx-photos__add-text'>{addText}</Text>
          <Text className='yx-photos__count'>
            {items.length}/{max}
          </Text>
        </View>
      ) : null}
    </View>
  )
}
