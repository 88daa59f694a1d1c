/** From the form to `case.report`'s payload, validated with the domain schema (same rules as the server). */
import { reportInput, type ReportInput } from '@domain/case/case-schema'
import { parseInput } from '@domain/common/schema-parts'
import { placeOf } from '@/components/LocationPicker'
import type { ReportDraft } from './draft'
import { OUTSIDE_DISTRICT_HINT } from '@domain/routing/routing-locate'

export type FieldErrors = Partial<Record<'description' | 'photos' | 'phone' | 'location' | 'category' | 'form', string>>

export function buildPayload(d: ReportDraft): Record<string, unknown> {
  const location = placeOf(d.location)
  let description = d.description.trim()
  const address = d.location.address?.trim()
  // Without a map point the schema has no place for the typed address: keep it with the description.
  if (!location && address) description = `${description}\n（位置：${address}）`
  const payload: Record<string, unknown> = { clientToken: d.clientToken, description, photos: d.photos }
  if (d.categoryCode) payload.categoryCode = d.categoryCode
  if (location) payload.location = location
  if (d.location.communityId) payload.communityId = d.location.communityId
  if (d.phone.trim()) payload.phone = d.phone.trim()
  return payload
}

/** Validate with `reportInput`: the payload, or Chinese messages per field. */
export function validateDraft(d: ReportDraft): { ok: true; data: ReportInput } | { ok: false; errors: FieldErrors } {
  // The description alone must meet the minimum (an appended address must not make a 2-character text valid).
  const bare = parseInput(reportInput, { ...buildPayload({ ...d, location: { ...d.location, address: '' } }) })
  const full = parseInput(reportInput, buildPayload(d))
  const errors: FieldErrors = {}
  for (const r of [bare, full]) {
    if (r.ok) continue
    for (const issue of r.issues) {
      const field = issue.path.split('.')[0]
      const key: keyof FieldErrors =
        field === 'description' || field === 'photos' || field === 'phone'
          ? field
          : field === 'location' || field === 'communityId'
            ? 'location'
            : field === 'categoryCode'
              ? 'category'
              : 'form'
      if (!errors[key]) errors[key] = issue.message
    }
  }
  // the place: a pin inside the district, or (不便提供位置) street, community and address
  const l = d.location
  if (!errors.location) {
    if (l.point && l.outside && !l.noLocation) errors.location = OUTSIDE_DISTRICT_HINT
    else if (l.noLocation && !l.communityId) errors.location = '请选择所在街道和社区'
    else if (l.noLocation && !(l.address ?? '').trim()) errors.location = '请填写详细地址'
  }
  if (Object.keys(errors).length || !full.ok) return { ok: false, errors }
  return { ok: true, data: full.data }
}
