import { useEffect, useState } from 'react'
import { Image, View } from '@tarojs/components'
import { tempFileUrl } from '@/services/cloud'
import './index.scss'

export interface CloudImageProps {
  /** cloud:// fileID, https URL, or a local temp path / blob: URL */
  src: string
  className?: string
  mode?: 'aspectFill' | 'aspectFit' | 'widthFix'
  ariaLabel?: string
  onClick?: () => void
}

const cache = new Map<string, string>()

/** Resolve a cloud fileID for display (weapp shows cloud:// directly; H5 asks local/ for a signed URL). */
export async function resolveImageUrl(src: string): Promise<string> {
  if (!src.startsWith('cloud://')) return src
  const hit = cache.get(src)
  if (hit) return hit
  const url = await tempFileUrl(src)
  cache.set(src, url)
  return url
}

/** An <Image> for a cloud fileID: a grey box while resolving, a quiet placeholder if the file is gone. */
export default function CloudImage({ src, className = '', mode = 'aspectFill', ariaLabel, onClick }: CloudImageProps) {
  const [url, setUrl] = useState<string | null>(() => (src.startsWith('cloud://') ? cache.get(src) ?? null : src))
  const [failed, setFailed] = useState(false)

  useEffect(() => {
    let live = true
    setFailed(false)
    resolveImageUrl(src).then(
      (u) => live && setUrl(u),
      () => live && setFailed(true),
    )
    return () => {
      live = false
    }
  }, [src])

  if (!url || failed) {
    return <View className={`yx-cloud-image yx-cloud-image--empty ${className}`} ariaLabel={ariaLabel} onClick={onClick} />
  }
  return <Image className={`yx-cloud-image ${className}`} src={url} mode={mode} ariaLabel={ariaLabel} onClick={onClick} />
}
