/**
 * Photo upload state for a form: pick (compressed), upload each photo at once with its own progress,
 * retry a failed one, remove one. `fileIDs` are the uploaded photos in order; `busy` while any uploads.
 * Items without a `source` (restored from a draft) are already uploaded.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import { uploadFile as defaultUpload } from '@/services/cloud'
import { pickPhotos as defaultPick, type PickedPhoto } from '@/services/media'
import { randomId } from '@/services/storage'
import { myUploadDir } from '@/services/uploads'
import { BUSINESS_OFFSET_MS } from '@domain/common/business-time'

export type PhotoStatus = 'uploading' | 'done' | 'error'

export interface PhotoItem {
  key: string
  /** what <Image> shows: temp path / object URL while local, the fileID once restored */
  preview: string
  status: PhotoStatus
  /** 0–100 */
  progress: number
  fileID?: string
  error?: string
  /** the local file, kept for a retry */
  source?: string | Blob
}

export interface PhotoUploadOptions {
  max?: number
  /** cloud folder, e.g. 'reports' or 'resolutions' */
  dir?: string
  /** photos already uploaded (a restored draft) */
  initial?: string[]
  /** injectable for tests */
  pick?: (count: number) => Promise<PickedPhoto[]>
  upload?: (file: string | Blob, cloudPath: string, onProgress?: (p: number) => void) => Promise<string>
  /** the user's own upload folder (whoami.uploadDir); injectable for tests */
  uploadDir?: () => Promise<string>
}

export interface PhotoUploads {
  items: PhotoItem[]
  max: number
  fileIDs: string[]
  busy: boolean
  failed: number
  /** open the picker for the remaining slots; resolves when the chosen photos are queued */
  add: () => Promise<void>
  retry: (key: string) => void
  remove: (key: string) => void
  /** replace everything with already-uploaded photos (restoring a draft) or nothing */
  reset: (fileIDs?: string[]) => void
}

function dayFolder(now: number): string {
  const d = new Date(now + BUSINESS_OFFSET_MS)
  return `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}`
}

function extensionOf(source: string | Blob): string {
  if (typeof source !== 'string') return source.type === 'image/png' ? 'png' : 'jpg'
  const m = /\.(jpe?g|png|webp|gif|heic)(\?|$)/i.exec(source)
  return m ? m[1].toLowerCase() : 'jpg'
}

export function usePhotoUploads(options: PhotoUploadOptions = {}): PhotoUploads {
  const { max = 9, dir = 'reports', initial, pick = defaultPick, upload = defaultUpload, uploadDir = myUploadDir } = options
  const [items, setItems] = useState<PhotoItem[]>(() =>
    (initial ?? []).map((id) => ({ key: id, preview: id, status: 'done' as const, progress: 100, fileID: id })),
  )
  const itemsRef = useRef(items)
  itemsRef.current = items
  const live = useRef(true)
  useEffect(
    () => () => {
      live.current = false
    },
    [],
  )

  const patch = useCallback((key: string, change: Partial<PhotoItem>) => {
    if (!live.current) return
    setItems((prev) => prev.map((it) => (it.key === key ? { ...it, ...change } : it)))
  }, [])

  // the user's own upload folder, once known (a retry then starts at once)
  const base = useRef<string | null>(null)
  const start = useCallback(
    (key: string, source: string | Blob) => {
      patch(key, { status: 'uploading', progress: 0, error: undefined })
      const send = (folder: string) => {
        base.current = folder
        // under the user's own folder: the server accepts only those files as their photos
        const cloudPath = `${folder}/${dir}/${dayFolder(Date.now())}/${randomId()}.${extensionOf(source)}`
        return upload(source, cloudPath, (p) => patch(key, { progress: Math.max(0, Math.min(100, Math.round(p))) }))
      }
      ;(base.current ? send(base.current) : uploadDir().then(send))
        .then(
          (fileID) => patch(key, { status: 'done', progress: 100, fileID }),
          (err: unknown) =>
            patch(key, {
              status: 'error',
              error: err instanceof Error && err.message ? err.message : '上传失败，请重试',
            }),
        )
    },
    [dir, patch, upload, uploadDir],
  )

  const add = useCallback(async () => {
    const room = max - itemsRef.current.length
    if (room <= 0) return
    const picked = (await pick(room)).slice(0, room)
    if (!live.current || picked.length === 0) return
    const fresh: PhotoItem[] = picked.map((p) => ({
      key: randomId('p'),
      preview: p.preview,
      status: 'uploading',
      progress: 0,
      source: p.source,
    }))
    setItems((prev) => [...prev, ...fresh].slice(0, max))
    fresh.forEach((it) => start(it.key, it.source!))
  }, [max, pick, start])

  const retry = useCallback(
    (key: string) => {
      const it = itemsRef.current.find((x) => x.key === key)
      if (it?.source && it.status === 'error') start(key, it.source)
    },
    [start],
  )

  const remove = useCallback((key: string) => {
    setItems((prev) => prev.filter((it) => it.key !== key))
  }, [])

  const reset = useCallback((fileIDs: string[] = []) => {
    setItems(fileIDs.map((id) => ({ key: id, preview: id, status: 'done' as const, progress: 100, fileID: id })))
  }, [])

  const fileIDs = items.filter((it) => it.status === 'done' && it.fileID).map((it) => it.fileID!)
  return {
    items,
    max,
    fileIDs,
    busy: items.some((it) => it.status === 'uploading'),
    failed: items.filter((it) => it.status === 'error').length,
    add,
    retry,
    remove,
    reset,
  }
}
