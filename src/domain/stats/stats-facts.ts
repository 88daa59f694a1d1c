import type { CaseRecord } from '../case/case-types';
import { reportersOf } from '../case/case-nearby';
import type { CallRecord } from '../call/call-types';
import type { LngLat } from '../geo/geo-types';
import type { CallFact, CaseFact } from './stats-types';


/**
 * The statistics' view of a case record (see README "Facts"). `closedAt`/`handledAt` are taken only while the
 * case is in that state (a reopened case is neither handled nor closed); first dispatch = `clocks.startedAt`.
 * Returns null for cases that are not 应结案: duplicates, invalid reports and reports the citizen withdrew before
 * acceptance (they still count as reports, see `reportFactOf`; withdrawn ones apart, docs/REQUIREMENTS.md "Decisions").
 */
export function caseFactOf(c: CaseRecord): CaseFact | null {
  if (c.state === 'duplicate' || c.state === 'invalid' || c.state === 'withdrawn') return null;
  const k = c.clocks ?? ({ extensions: [] } as unknown as CaseRecord['clocks']);
  const f: CaseFact = { caseId: c.id, categoryCode: c.categoryCode, createdAt: c.createdAt };
  if (c.streetId) f.streetId = c.streetId;
  if (c.communityId) f.communityId = c.communityId;
  if (c.deptIds?.length) f.deptIds = [...new Set(c.deptIds)];
  const p = pointOf(c);
  if (p) f.point = p;
  const dispatched = k.startedAt ?? k.dispatchedAt;
  if (dispatched !== undefined) f.dispatchedAt = dispatched;
  if (k.acceptedAt !== undefined) f.respondedAt = k.acceptedAt;
  if (k.assignedAt !== undefined) f.assignedAt = k.assignedAt;
  if (k.deadline !== undefined) f.dueAt = k.deadline;
  if (k.originalDeadline !== undefined) f.originalDueAt = k.originalDeadline;
  if ((k.extensions ?? []).some((e) => e.source === 'extend')) f.extended = true;
  if ((c.state === 'resolved' || c.state === 'closed') && (k.resolvedAt ?? c.resolution?.at) !== undefined) f.handledAt = (k.resolvedAt ?? c.resolution?.at) as number;
  if (c.state === 'closed' && k.closedAt !== undefined) {
    f.closedAt = k.closedAt;
    if (f.handledAt === undefined) f.handledAt = k.closedAt;
  }
  if (c.reworkCount) f.reopenCount = c.reworkCount;
  if (c.satisfaction) {
    f.satisfaction = c.satisfaction.level;
    f.ratedAt = c.satisfaction.at;
  }
  return f;
}

/** The statistics' view of a call; null for cancelled calls (nobody was due on site). */
export function callFactOf(call: CallRecord, categoryCode?: string): CallFact | null {
  if (call.state === 'cancelled') return null;
  const f: CallFact = { callId: call.id, caseId: call.caseId, deptId: call.deptId, streetId: call.streetId, meetAt: call.meetAt };
  if (categoryCode) f.categoryCode = categoryCode;
  const st = call.checkIn?.status;
  if (st === 'onTime' || st === 'late') f.checkin = st;
  else if (call.state === 'absent' || call.absentAt !== undefined) f.checkin = 'absent';
  else if ((call.attempts ?? []).some((a) => a.status === 'far')) f.checkin = 'far';
  if (call.deptRating) {
    f.accuracy = call.deptRating.level;
    f.accuracyRatedAt = call.deptRating.at;
  }
  return f;
}

/**
 * A report (来件) as counted for volumes, hot spots and recurring problems: every case except invalid ones —
 * duplicates count here, since several reports of one problem are exactly what repeat complaints measure.
 */
export interface ReportFact {
  caseId: string;
  categoryCode: string;
  createdAt: number;
  point?: LngLat;
  streetId?: string;
  communityId?: string;
  deptIds: string[];
  /** withdrawn by the citizen before acceptance: counted apart (`withdrawn`), outside 结案率 and 按期结案率 */
  withdrawn?: true;
  /** citizens who joined it (我也遇到了): N − 1 of its N reporters; the case itself is still one report */
  coReporters?: number;
}

export function reportFactOf(c: CaseRecord): ReportFact | null {
  if (c.state === 'invalid') return null;
  const f: ReportFact = { caseId: c.id, categoryCode: c.categoryCode, createdAt: c.createdAt, deptIds: [...new Set(c.deptIds ?? [])] };
  if (c.state === 'withdrawn') f.withdrawn = true;
  const joined = reportersOf(c) - 1;
  if (joined > 0) f.coReporters = joined;
  const p = pointOf(c);
  if (p) f.point = p;
  if (c.streetId) f.streetId = c.streetId;
  if (c.communityId) f.communityId = c.communityId;
  return f;
}

function pointOf(c: CaseRecord): LngLat | undefined {
  const co = c.location?.point?.coordinates;
  return Array.isArray(co) && typeof co[0] === 'number' && typeof co[1] === 'number' ? [co[0], co[1]] : undefined;
}
