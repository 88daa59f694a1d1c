/**
 * Stored case/call documents for statistics tests and the benchmark: the domain record flattened plus the
 * server fields (log, due, nextDueAt), as repos/records.ts writes them. Not a test file (no `.test.`).
 */
import type { CaseRecord, CaseState } from '@domain/case/case-types';
import type { CallRecord, CallState } from '@domain/call/call-types';

export const T = (s: string) => Date.parse(`${s}+08:00`);
const H = 3_600_000;

export interface CaseSpec {
  id: string;
  categoryCode: string;
  streetId?: string;
  communityId?: string;
  point?: [number, number];
  createdAt: number;
  state?: CaseState;
  deptIds?: string[];
  /** minutes from report to 签收 (default 5); null = never */
  respondMin?: number | null;
  /** hours from report to the deadline (default 48) */
  deadlineH?: number;
  resolvedAt?: number;
  closedAt?: number;
  extended?: boolean;
  reworkCount?: number;
  satisfaction?: { level: 'satisfied' | 'basic' | 'dissatisfied'; at: number };
  description?: string;
}

export function storedCase(s: CaseSpec): CaseRecord & { _id: string; log: unknown[]; due: unknown[]; nextDueAt: null } {
  const state: CaseState = s.state ?? (s.closedAt ? 'closed' : s.resolvedAt ? 'resolved' : 'handling');
  const dispatched = s.createdAt + 60_000;
  const deadline = dispatched + (s.deadlineH ?? 48) * H;
  const c: CaseRecord = {
    id: s.id,
    channel: 'miniapp',
    reporter: { openid: `o-${s.id}` },
    categoryCode: s.categoryCode,
    description: s.description ?? `测试事项 ${s.id}`,
    photos: [],
    routing: [],
    deptIds: s.deptIds ?? [],
    callGroupIds: [],
    state,
    flags: {},
    clocks: {
      startedAt: dispatched,
      dispatchedAt: dispatched,
      ...(s.respondMin === null ? {} : { acceptedAt: dispatched + (s.respondMin ?? 5) * 60_000, assignedAt: dispatched + 20 * 60_000 }),
      deadline,
      originalDeadline: s.extended ? deadline - 24 * H : deadline,
      extensions: s.extended ? [{ reason: '需协调', from: deadline - 24 * H, to: deadline, by: 'x', at: dispatched + H, source: 'extend' }] : [],
      ...(s.resolvedAt ? { resolvedAt: s.resolvedAt } : {}),
      ...(s.closedAt ? { closedAt: s.closedAt } : {}),
    },
    reworkCount: s.reworkCount ?? 0,
    satisfactionHistory: [],
    createdAt: s.createdAt,
    updatedAt: Math.max(s.createdAt, s.closedAt ?? 0, s.resolvedAt ?? 0, s.satisfaction?.at ?? 0),
    version: 1,
  };
  if (s.streetId) c.streetId = s.streetId;
  if (s.communityId) c.communityId = s.communityId;
  if (s.point) c.location = { point: { type: 'Point', coordinates: s.point }, address: '测试地点' };
  if (s.satisfaction) c.satisfaction = { level: s.satisfaction.level, at: s.satisfaction.at, by: `o-${s.id}`, round: 1 };
  return { ...c, _id: s.id, log: [], due: [], nextDueAt: null };
}

export interface CallSpec {
  id: string;
  caseId: string;
  deptId: string;
  streetId: string;
  meetAt: number;
  state?: CallState;
  checkIn?: 'onTime' | 'late';
  accuracy?: { level: 'accurate' | 'inaccurate'; at: number };
}

export function storedCall(s: CallSpec): CallRecord & { _id: string; log: unknown[]; due: unknown[]; nextDueAt: null } {
  const c: CallRecord = {
    id: s.id,
    groupId: `g-${s.caseId}`,
    caseId: s.caseId,
    streetId: s.streetId,
    caller: { staffId: 'staff-maoxiaojia', name: '毛晓嘉' },
    deptId: s.deptId,
    what: '到场处置',
    place: { point: { type: 'Point', coordinates: [119.287, 26.106] }, address: '测试地点' },
    meetAt: s.meetAt,
    state: s.state ?? (s.accuracy ? 'rated' : s.checkIn ? 'checkedIn' : 'acknowledged'),
    attempts: [],
    createdAt: s.meetAt - H,
    updatedAt: Math.max(s.meetAt, s.accuracy?.at ?? 0),
    version: 1,
  };
  if (s.checkIn) c.checkIn = { at: s.meetAt, location: c.place.point, by: 'x', status: s.checkIn, distanceM: 10, minutesOff: 0 };
  if (s.accuracy) c.deptRating = { level: s.accuracy.level, reasons: [], at: s.accuracy.at, by: 'x' };
  return { ...c, _id: s.id, log: [], due: [], nextDueAt: null };
}
