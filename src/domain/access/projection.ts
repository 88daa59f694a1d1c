/**
 * What each viewer gets of a case, a call and an audit-trail entry (applied to every answer that carries them:
 * details, lists, answers to writes).
 *
 * - Citizens' openids never leave the server: every openid of a citizen on the case (the reporter, and any author
 *   of a citizen step: a supplement, a rating) is replaced by a pseudonym that is stable within the case and cannot
 *   be turned back into the openid (the server makes it; see `Pseudonyms`). The reporting citizen is told "this is
 *   you" with `self: true`, without an id.
 * - Staff device positions (`where` of a staff step) and officers' check-in details (position, distance, the
 *   officer's name, the attempts that did not count) go only to people who see the case as staff; the reporting
 *   citizen sees that the department checked in (status and time) and the places of the own steps.
 * - The reporter's phone in full to those handling the case (command centre, the case's street handlers and
 *   community workers) and to the reporter; masked for everyone else (`PHONE_NOTICE` tells the citizen exactly this;
 *   those who see it in full may call it: `Sight.contact`).
 * - The internal assessment (the street's rating of a department, the department's rating of the call) and the
 *   calls' internals (caller, ratings, consultation notes, cancellation reasons) go only to staff; a citizen sees the
 *   called departments and a public status of each call (`publicCallStatus`).
 * - One event, one entry: a call group writes the case's 一线呼叫 and one creation per called department; where the
 *   case's entry is in the same trail, the per-department creations are folded into it (`foldCallGroups`).
 */
import type { Actor } from '../common/actor-types';
import type { LogEntry } from '../common/effect-types';
import type { CaseRecord } from '../case/case-types';
import type { CallRecord, CheckInRecord } from '../call/call-types';
import { CHECKIN_STATUS_LABELS, type CheckInStatus } from '../call/call-checkin';
import { isOwnReport, isOwnStreet } from '../case/case-relations';
import { seesAsStaff } from './visibility';

/** How one viewer relates to one case, for the projection. */
export interface Sight {
  /** the citizen who reported it */
  reporter: boolean;
  /** a citizen who joined it (我也遇到了): follows it, but is not its reporter (no contact, no self) */
  joined?: boolean;
  /** sees the case through a staff role (see `seesAsStaff`) */
  staff: boolean;
  /** the reporter's contact in full */
  contact: boolean;
}

export function sightOf(c: CaseRecord, a: Actor): Sight {
  const reporter = !!a.openid && a.openid === c.reporter.openid;
  const joined = !reporter && isOwnReport(c, a);
  const handles = a.roles.includes('command') || (isOwnStreet(c, a) && (a.roles.includes('handler') || a.roles.includes('community')));
  return { reporter, ...(joined ? { joined } : {}), staff: seesAsStaff(c, a), contact: handles || reporter };
}

/** openid of a citizen on the case → its pseudonym. Built by the server (`pseudonymsOf` with its one-way hash). */
export type Pseudonyms = ReadonlyMap<string, string>;

/** The citizens' openids on a case: the reporter and the authors of citizen steps in its trail. */
export function citizenIdsOf(c: Pick<CaseRecord, 'reporter' | 'coReporters'>, log: ReadonlyArray<Pick<LogEntry, 'role' | 'by'>> = []): string[] {
  const ids = new Set<string>();
  if (c.reporter.openid) ids.add(c.reporter.openid);
  for (const id of c.coReporters ?? []) ids.add(id);
  for (const e of log) if (e.role === 'citizen' && e.by.id && e.by.id !== 'system') ids.add(e.by.id);
  return [...ids];
}

export function pseudonymsOf(c: Pick<CaseRecord, 'reporter' | 'coReporters'>, log: ReadonlyArray<Pick<LogEntry, 'role' | 'by'>>, hash: (openid: string) => string): Pseudonyms {
  return new Map(citizenIdsOf(c, log).map((id) => [id, hash(id)]));
}

/** Every string equal to a known citizen openid, anywhere in the value, replaced by its pseudonym. */
export function scrub<T>(value: T, ids: Pseudonyms): T {
  if (ids.size === 0) return value;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return ids.get(v) ?? v;
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) out[k] = walk(x);
      return out;
    }
    return v;
  };
  return walk(value) as T;
}

/**
 * A phone number as shown to those who may not see it whole: a mobile number keeps its first 3 and last 4 digits
 * (138****8000), any other number its last 4; a number already masked, or of 4 characters or fewer, stays as it is.
 */
export function maskPhone(phone: string | undefined | null): string | undefined {
  if (!phone) return undefined;
  if (phone.includes('*')) return phone;
  const mobile = /^(\d{3})\d{4}(\d{4})$/.exec(phone);
  if (mobile) return `${mobile[1]}****${mobile[2]}`;
  return phone.length > 4 ? `${'*'.repeat(phone.length - 4)}${phone.slice(-4)}` : phone;
}

export interface ReporterView {
  /** the reporter's pseudonym (citizens of the mini-program) */
  id?: string;
  /** a channel contact's name (12345 caller, partner contact): to those with the full contact */
  name?: string;
  phone?: string;
  /** the viewer is the reporter */
  self?: true;
}
export type CaseProjection = Omit<CaseRecord, 'reporter' | 'coReporters'> & { reporter: ReporterView; reporters: number; joined?: true };

export function projectCase(c: CaseRecord, sight: Sight, ids: Pseudonyms): CaseProjection {
  const r = c.reporter;
  const reporter: ReporterView = {
    ...(r.openid ? { id: ids.get(r.openid) } : {}),
    ...(sight.contact && r.name ? { name: r.name } : {}),
    ...(r.phone ? { phone: sight.contact ? r.phone : maskPhone(r.phone) } : {}),
    ...(sight.reporter ? { self: true as const } : {}),
  };
  // co-reporters stay on the server: the count goes out, and a co-reporter is told that they joined
  const { reporter: _drop, coReporters, ...rest } = c;
  return {
    ...scrub(rest, ids),
    phone: sight.contact ? c.phone : maskPhone(c.phone),
    reporter,
    reporters: 1 + (coReporters?.length ?? 0),
    ...(sight.joined ? { joined: true as const } : {}),
  };
}

export type LogView = Omit<LogEntry, 'by'> & { by: { id: string; name?: string; self?: true } };

/** Who may see the reporter's number and call it (the rule of `sightOf`), as the report form says it. */
export const PHONE_NOTICE = '选填。号码仅向处理该诉求的街镇一线处置员、社区工作人员和区指挥中心完整显示，便于联系和回访；其他人员只看到隐去中间四位的号码。';

/** Internal assessment: ratings between street and departments (for staff and the scores, not for the public). */
export const INTERNAL_CALL_EVENTS: ReadonlySet<string> = new Set(['rateByStreet', 'rateByDept']);

/**
 * One entry per event: drops a call's creation entry when the same trail holds the case's 一线呼叫 entry of its group
 * (the case entry names the group's departments in `data.deptIds`). A call's own trail (no case entry) keeps it.
 */
export function foldCallGroups<E extends Pick<LogEntry, 'subject' | 'event' | 'callId' | 'data'>>(log: readonly E[]): E[] {
  const grouped = new Set<string>();
  for (const e of log) {
    if (e.subject !== 'call' && e.event === 'call' && typeof e.data?.groupId === 'string') {
      for (const d of (e.data.deptIds as string[] | undefined) ?? []) grouped.add(`${e.data.groupId}-${d}`);
    }
  }
  return grouped.size ? log.filter((e) => !(e.subject === 'call' && e.event === 'create' && e.callId && grouped.has(e.callId))) : [...log];
}

/** The audit trail as this viewer may see it (same order; call groups folded, see `foldCallGroups`). */
export function projectLog(log: readonly LogEntry[], sight: Sight, ids: Pseudonyms, reporterOpenid?: string): LogView[] {
  const out: LogView[] = [];
  for (const e of foldCallGroups(log)) {
    if (!sight.staff && e.subject === 'call' && INTERNAL_CALL_EVENTS.has(e.event)) continue;
    const own = e.role === 'citizen' || ids.has(e.by.id);
    const by = { ...e.by, id: ids.get(e.by.id) ?? e.by.id, ...(sight.reporter && reporterOpenid && e.by.id === reporterOpenid ? { self: true as const } : {}) };
    let v: LogView = { ...scrub(e, ids), by };
    if (!sight.staff && !own) {
      if (e.subject === 'call' && e.event === 'checkIn') {
        // an attempt that did not count stays with the staff; one that did is told without position or distance
        if (e.from === e.to) continue;
        const status = e.data?.status as CheckInStatus | undefined;
        v = { ...v, what: status && CHECKIN_STATUS_LABELS[status] ? CHECKIN_STATUS_LABELS[status] : '已报到', by: { id: v.by.id } };
      }
      const { where: _w, data, ...kept } = v;
      v = e.subject === 'call' || data === undefined ? kept : { ...kept, data };
    }
    out.push(v);
  }
  return out;
}

export type CheckInSeen = CheckInRecord | Pick<CheckInRecord, 'at' | 'status'>;
export type CallProjection = Omit<CallRecord, 'attempts' | 'checkIn'> & { attempts?: CheckInRecord[]; checkIn?: CheckInSeen };

/**
 * What the public (the reporting citizen) is told of a call: whether the department is on its way, came, has done its
 * part, or did not come. A call of a case that is no longer open has ended for the citizen whatever its record says.
 */
export function publicCallStatus(call: Pick<CallRecord, 'state'>, caseOpen: boolean): string {
  if (call.state === 'cancelled') return '已取消';
  if (call.state === 'absent') return '未到场';
  if (call.state === 'actionRecorded' || call.state === 'rated') return '已处置';
  if (!caseOpen) return '已结束';
  if (call.state === 'checkedIn' || call.state === 'noAction') return '已到场';
  return '待到场';
}

/**
 * A call as this viewer may see it: staff get it whole; the reporting citizen the department, place, time, the
 * accepted check-in's status and time and what the department did — no caller, ratings, consultation or reasons.
 */
export function projectCall(call: CallRecord, staff: boolean, ids: Pseudonyms = new Map()): CallProjection {
  if (staff) return scrub(call, ids);
  const { attempts: _a, checkIn, streetRating: _s, deptRating: _d, consultation: _c, cancelled, caller: _p, acknowledgedBy: _b, action, ...rest } = call;
  return {
    ...scrub(rest, ids),
    caller: { staffId: '', name: '街镇' },
    ...(action ? { action: { text: action.text, photos: action.photos, at: action.at, by: '' } } : {}),
    ...(cancelled ? { cancelled: { reason: '', at: cancelled.at, by: '' } } : {}),
    ...(checkIn ? { checkIn: { at: checkIn.at, status: checkIn.status } } : {}),
  };
}
