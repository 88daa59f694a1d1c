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
 *   community workers) and to the reporter; masked for everyone else.
 */
import type { Actor } from '../shared/actor.types';
import type { LogEntry } from '../shared/effect.types';
import type { CaseRecord } from '../case/case.types';
import type { CallRecord, CheckInRecord } from '../call/call.types';
import { CHECKIN_STATUS_LABELS, type CheckInStatus } from '../call/call.checkin';
import { isOwnReport, isOwnStreet } from '../case/case.relations';
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

export function maskPhone(phone: string | undefined): string | undefined {
  return phone ? phone.replace(/^(\d{3})\d{4}(\d{4})$/, '$1****$2') : undefined;
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

/** The audit trail as this viewer may see it (same order). */
export function projectLog(log: readonly LogEntry[], sight: Sight, ids: Pseudonyms, reporterOpenid?: string): LogView[] {
  const out: LogView[] = [];
  for (const e of log) {
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

/** A call as this viewer may see it: staff get it whole; the reporting citizen the accepted check-in's status and time. */
export function projectCall(call: CallRecord, staff: boolean, ids: Pseudonyms = new Map()): CallProjection {
  if (staff) return scrub(call, ids);
  const { attempts: _a, checkIn, ...rest } = call;
  return { ...scrub(rest, ids), ...(checkIn ? { checkIn: { at: checkIn.at, status: checkIn.status } } : {}) };
}
