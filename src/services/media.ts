/**
 * Photos from the device, made small before upload.
 *   pickPhotos(count) → PickedPhoto[]   weapp: chooseMedia (album/camera) + compressImage;
 *                                       H5: chooseMedia's File, resized on a canvas (longest side 1600 px, JPEG 0.8)
 * A photo that cannot be compressed is kept as it is (never lost). Cancelling the picker resolves to [].
 */
import { chooseMedia, compressImage } from '@tarojs/taro'

export interface PickedPhoto {
  /** what <Image> shows now: a temp path (weapp) or an object URL (H5) */
  preview: string
  /** what uploadFile takes: the temp path (weapp) or the Blob (H5) */
  source: string | Blob
}

const MAX_SIDE = 1600
const JPEG_QUALITY = 0.8

function isCancel(err: unknown): boolean {
  const msg = (err as { errMsg?: string } | null)?.errMsg ?? ''
  return /cancel/i.test(msg)
}

/** H5: draw the image smaller on a canvas; resolves to the original file when the browser cannot. */
export async function resizeImageBlob(file: Blob, maxSide = MAX_SIDE, quality = JPEG_QUALITY): Promise<Blob> {
  if (typeof document === 'undefined' || typeof URL === 'undefined' || !file.type.startsWith('image/')) return file
  const url = URL.createObjectURL(file)
  try {
    const img = await new Promise<HTMLImageElement>((resolve, reject) => {
      const el = new Image()
      el.onload = () => resolve(el)
      el.onerror = () => reject(new Error('image decode failed'))
      el.src = url
    })
    const w = img.naturalWidth || img.width
    const h = img.naturalHeight || img.height
    if (!w || !h) return file
    const scale = Math.min(1, maxSide / Math.max(w, h))
    const canvas = document.createElement('canvas')
    canvas.width = Math.round(w * scale)
    canvas.height = Math.round(h * scale)
    const ctx = canvas.getContext('2d')
    if (!ctx) return file
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height)
    const out = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality))
    // Keep the original when "compressing" would make it bigger (small PNG screenshots, already small JPEGs).
    return out && out.size < file.size ? out : file
  } catch {
    return file
  } finally {
    URL.revokeObjectURL(url)
  }
}

async function compressWeapp(path: string): Promise<string> {
  try {
    const res = await compressImage({ src: path, quality: 70 })
    return res.tempFilePath || path
  } catch {
    return path
  }
}

/** Let the user take or choose up to `count` photos; compressed, in the order chosen. */
export async function pickPhotos(count: number): Promise<PickedPhoto[]> {
  if (count <= 0) return []
  let files: { tempFilePath: string; originalFileObj?: Blob }[]
  try {
    const res = await chooseMedia({
      count,
      mediaType: ['image'],
      sourceType: ['album', 'camera'],
      sizeType: ['compressed'],
    })
    files = (res.tempFiles ?? []) as { tempFilePath: string; originalFileObj?: Blob }[]
  } catch (err) {
    if (isCancel(err)) return []
    throw err
  }
  files = files.slice(0, count)
  if (process.env.TARO_ENV === 'h5') {
    return Promise.all(
      files.map(async (f) => {
        const blob = f.originalFileObj ? await resizeImageBlob(f.originalFileObj) : undefined
        return { preview: f.tempFilePath, source: blob ?? f.tempFilePath }
      }),
    )
  }
  return Promise.all(
    files.map(async (f) => {
      const path = await compressWeapp(f.tempFilePath)
      return { preview: path, source: path }
    }),
  )
}
