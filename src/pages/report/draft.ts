/**
 * The 随手拍 draft kept on the device: restored after a failed submit or a closed app. Its `clientToken` is
 * made once per draft and sent with every submit of it, so a re-submission never creates a second case;
 * only a successful submit (or 清空) starts a new draft with a new token.
 */
import type { LocationValue } from '@/components/LocationPicker'
import { readLocal, randomId, removeLocal, writeLocal } from '@/services/storage'

export const DRAFT_KEY = 'yx.report.draft.v1'

export interface ReportDraft {
  clientToken: string
  description: string
  /** undefined = 由系统智能判断 */
  categoryCode?: string
  phone: string
  location: LocationValue
  /** uploaded photos (fileIDs) */
  photos: string[]
  savedAt: number
}

export function newDraft(): ReportDraft {
  return { clientToken: randomId('r'), description: '', phone: '', location: {}, photos: [], savedAt: 0 }
}

/** Something worth restoring (beyond an empty form). */
export function hasContent(d: ReportDraft): boolean {
  const l = d.location
  return !!(d.description.trim() || d.categoryCode || d.phone.trim() || d.photos.length || l.point || l.streetId || l.address?.trim())
}

export function loadDraft(): ReportDraft | undefined {
  const d = readLocal<Partial<ReportDraft>>(DRAFT_KEY)
  if (!d || typeof d.clientToken !== 'string' || !d.clientToken) return undefined
  return {
    clientToken: d.clientToken,
    description: typeof d.description === 'string' ? d.description : '',
    categoryCode: typeof d.categoryCode === 'string' ? d.categoryCode : undefined,
    phone: typeof d.phone === 'string' ? d.phone : '',
    location: d.location && typeof d.location === 'object' ? d.location : {},
    photos: Array.isArray(d.photos) ? d.photos.filter((p): p is string => typeof p === 'string') : [],
    savedAt: typeof d.savedAt === 'number' ? d.savedAt : 0,
  }
}

export function saveDraft(d: ReportDraft): void {
  writeLocal(DRAFT_KEY, { ...d, savedAt: Date.now() })
}

export function clearDraft(): void {
  removeLocal(DRAFT_KEY)
}
