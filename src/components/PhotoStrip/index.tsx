import { previewImage } from '@tarojs/taro'
import { View } from '@tarojs/components'
import CloudImage, { resolveImageUrl } from '@/components/CloudImage'

export interface PhotoStripProps {
  /** stored photos (cloud fileIDs) */
  photos: string[]
  /** spoken name of each photo, numbered: `${label}1`, `${label}2` … */
  label: string
  /** the caller's look: the strip and each thumbnail */
  className?: string
  photoClassName?: string
}

/** Stored photos as thumbnails; a tap opens the full-screen preview at that photo. Nothing when there are none. */
export default function PhotoStrip({ photos, label, className, photoClassName }: PhotoStripProps) {
  if (!photos.length) return null
  const preview = async (index: number) => {
    try {
      const urls = await Promise.all(photos.map(resolveImageUrl))
      await previewImage({ urls, current: urls[index] })
    } catch {
      // preview is a nicety
    }
  }
  return (
    <View className={className}>
      {photos.map((p, i) => (
        <CloudImage key={p} className={photoClassName} src={p} ariaLabel={`${label}${i + 1}`} onClick={() => void preview(i)} />
      ))}
    </View>
  )
}
