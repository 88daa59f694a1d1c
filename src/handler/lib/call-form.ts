/** The 一线呼叫 form: department options, search, and validation with the shared `callInput` schema. */
import { callInput, type CallInput } from '@domain/case/case-schema'
import { parseInput } from '@domain/common/schema-parts'
import { MINUTE_MS } from '@domain/common/business-time'
import type { Place } from '@domain/common/geo-distance'
import type { Bootstrap } from '@domain/contract'
import { fromPickers } from '@/staff/format'

export interface DeptOption {
  id: string
  name: string
  /** 区直部门 or 市直单位 */
  group: 'dept' | 'city'
  /** full name or the counterpart department, for search and the second line */
  hint?: string
}

/**
 * District departments (in the seed's order, parents before their units; a unit shows its full name, e.g.
 * 区城管局市政所), then city-level units with their counterpart. The command centre is not called to a site.
 */
export function deptOptions(meta: Pick<Bootstrap, 'departments' | 'cityUnits'>): DeptOption[] {
  const byId = new Map(meta.departments.map((d) => [d._id, d]))
  const depts: DeptOption[] = meta.departments
    .filter((d) => d.kind !== 'command')
    .map((d) => {
      const parent = d.parentId ? byId.get(d.parentId) : undefined
      return {
        id: d._id,
        name: parent && d.fullName ? d.fullName : d.name,
        group: 'dept',
        hint: parent ? `${parent.name}下属` : d.fullName && d.fullName !== d.name ? d.fullName : undefined,
      }
    })
  const city: DeptOption[] = meta.cityUnits.map((u) => ({
    id: u._id,
    name: u.name,
    group: 'city',
    hint: u.counterpartDeptId && byId.get(u.counterpartDeptId) ? `对接：${byId.get(u.counterpartDeptId)!.name}` : undefined,
  }))
  return [...depts, ...city]
}

/** Case-insensitive substring match on the name and the hint; empty query = everything. */
export function searchDepts(options: DeptOption[], query: string): DeptOption[] {
  const q = query.trim().toLowerCase()
  if (!q) return options
  return options.filter((o) => o.name.toLowerCase().includes(q) || (o.hint ?? '').toLowerCase().includes(q))
}

export interface CallFormValues {
  caseId: string
  expectedVersion?: number
  deptIds: string[]
  what: string
  place: Place | null
  date: string
  time: string
}

export type CallFormResult =
  | { ok: true; input: CallInput }
  | { ok: false; message: string; fields: Partial<Record<'deptIds' | 'what' | 'place' | 'meetAt', string>> }

/** How far in the past a meeting time may be (a minute of slack for the time picker's resolution). */
const PAST_SLACK_MS = MINUTE_MS

/** Validate the form exactly as the server will (callInput), plus: the meeting time is not in the past. */
export function validateCallForm(values: CallFormValues, now: number): CallFormResult {
  const meetAt = fromPickers(values.date, values.time)
  const payload = {
    caseId: values.caseId,
    expectedVersion: values.expectedVersion,
    deptIds: values.deptIds,
    what: values.what,
    place: values.place ?? undefined,
    meetAt: Number.isFinite(meetAt) ? meetAt : undefined,
  }
  const fields: Partial<Record<'deptIds' | 'what' | 'place' | 'meetAt', string>> = {}
  const parsed = parseInput(callInput, payload)
  if (!parsed.ok) {
    for (const issue of parsed.issues) {
      const key = issue.path.split('.')[0] as keyof typeof fields
      if (key in fields) continue
      if (key === 'deptIds' || key === 'what' || key === 'place' || key === 'meetAt') fields[key] = issue.message
    }
  }
  if (Number.isFinite(meetAt) && meetAt < now - PAST_SLACK_MS && !fields.meetAt) fields.meetAt = '到场时间不能早于现在'
  const order = ['deptIds', 'what', 'place', 'meetAt'] as const
  const first = order.find((k) => fields[k])
  if (first) return { ok: false, message: fields[first]!, fields }
  if (!parsed.ok) return { ok: false, message: parsed.message, fields }
  return { ok: true, input: parsed.data }
}
