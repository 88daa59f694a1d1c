/**
 * 附近已有的诉求 and 我也遇到了 (FixMyStreet/SeeClickFix: see what is already reported nearby, add to it instead of
 * reporting it again).
 *
 * Nearby (`case.nearby`, any citizen): the open cases within a radius (default 100 m) of a point, of the same or a
 * likely category, answered with public fields only — no reporter, phone, photos, staff, log; the location blurred to
 * a ~50 m grid; the description truncated. The distance is measured from the blurred point and rounded to 10 m, so it
 * tells no more than the blurred point does.
 *
 * Joining (`case.join`, a citizen who did not report it): the case counts its reporters (`reporters`, 1 + the
 * co-reporters) and keeps the co-reporters' openids (`coReporters`) on the server only. A co-reporter follows the
 * case like its reporter: it is in their 我的诉求, they get its notices, they may rate it. Joining twice changes
 * nothing (idempotent per citizen); a closed case cannot be joined.
 *
 * Ratings of several reporters: a case is rated once per round of handling, by whichever of its reporters rates
 * first (a later one is told 本次办理已评价) — the same single rating the lifecycle and the indicators have always
 * had, so the indicators count a joined case once: one case received, one rating, with `reporters` = N alongside.
 */
import * as z from 'zod/mini';
import { districtPosition } from '../geo/geo-schema';
import { haversineM, toLngLat } from '../geo/geo-measure';
import type { LngLat, PointLike } from '../geo/geo-types';
import { id } from '../common/schema-parts';
import type { LogEntry } from '../common/effect-types';
import { CASE_STATES, type CaseRecord, type CaseState } from './case-types';

export const NEARBY_DEFAULT_RADIUS_M = 100;
export const NEARBY_MAX_RADIUS_M = 500;
/** size of the grid public locations are snapped to */
export const NEARBY_BLUR_M = 50;
export const NEARBY_DESCRIPTION_CHARS = 40;
export const NEARBY_LIMIT = 20;

export const nearbyInput = z.object({
  point: districtPosition,
  radiusM: z.optional(
    z.number({ error: '范围格式不正确' }).check(z.gte(10, '范围至少 10 米'), z.lte(NEARBY_MAX_RADIUS_M, `范围最多 ${NEARBY_MAX_RADIUS_M} 米`)),
  ),
  /** same or likely categories; empty or absent: any category */
  categoryCodes: z.optional(z.array(id('问题类型')).check(z.maxLength(5, '问题类型最多 5 个'))),
});
export type NearbyInput = z.infer<typeof nearbyInput>;

export const joinInput = z.object({ caseId: id('事项编号') });
export type JoinInput = z.infer<typeof joinInput>;

/** Snap a position to the centre of its ~`metres` grid cell (degrees scaled at the point's latitude). */
export function blurPosition(p: PointLike, metres = NEARBY_BLUR_M): LngLat {
  const [lng, lat] = toLngLat(p);
  const dLat = metres / 111_195;
  const snap = (v: number, step: number) => Math.round((Math.floor(v / step) + 0.5) * step * 1e6) / 1e6;
  const cellLat = snap(lat, dLat);
  // the longitude step from the cell's latitude, so every point of a cell snaps to the same centre
  const dLng = dLat / Math.cos((cellLat * Math.PI) / 180);
  return [snap(lng, dLng), cellLat];
}

export function truncate(text: string, chars = NEARBY_DESCRIPTION_CHARS): string {
  const t = text.replace(/\s+/g, ' ').trim();
  const arr = Array.from(t);
  return arr.length > chars ? `${arr.slice(0, chars).join('')}…` : t;
}

/** What anyone may see of a nearby case. */
export interface NearbyCase {
  id: string;
  categoryCode: string;
  categoryName: string;
  state: CaseState;
  stateLabel: string;
  /** blurred to the ~50 m grid */
  point: LngLat;
  /** from the asked point to the blurred point, rounded to 10 m */
  distanceM: number;
  description: string;
  createdAt: number;
  reporters: number;
  /** the asking citizen already reports or follows it */
  mine: boolean;
}

export const reportersOf = (c: Pick<CaseRecord, 'reporters'>): number => c.reporters ?? 1;

export function nearbyView(c: CaseRecord, from: PointLike, categoryName: string, viewerOpenid?: string): NearbyCase | undefined {
  if (!c.location) return undefined;
  const point = blurPosition(c.location.point);
  return {
    id: c.id,
    categoryCode: c.categoryCode,
    categoryName,
    state: c.state,
    stateLabel: CASE_STATES[c.state].label,
    point,
    distanceM: Math.round(haversineM(from, point) / 10) * 10,
    description: truncate(c.description),
    createdAt: c.createdAt,
    reporters: reportersOf(c),
    mine: !!viewerOpenid && (c.reporter.openid === viewerOpenid || (c.coReporters ?? []).includes(viewerOpenid)),
  };
}

/** Nearest first, then the most recent; only open, located cases within the radius. */
export function nearbyList(cases: readonly CaseRecord[], from: PointLike, radiusM: number, nameOf: (code: string) => string, viewerOpenid?: string): NearbyCase[] {
  return cases
    .filter((c) => CASE_STATES[c.state].kind === 'open' && c.location && haversineM(from, c.location.point) <= radiusM)
    .map((c) => nearbyView(c, from, nameOf(c.categoryCode), viewerOpenid)!)
    .sort((a, b) => a.distanceM - b.distanceM || b.createdAt - a.createdAt || (a.id < b.id ? -1 : 1))
    .slice(0, NEARBY_LIMIT);
}

export type JoinResult =
  | { ok: true; changed: false; case: CaseRecord }
  | { ok: true; changed: true; case: CaseRecord; entry: LogEntry }
  | { ok: false; code: 'CASE_CLOSED'; message: string };

/** A citizen joins a case (我也遇到了). Idempotent: the reporter or a co-reporter joining again changes nothing. */
export function joinCase(c: CaseRecord, openid: string, now: number): JoinResult {
  if (c.reporter.openid === openid || (c.coReporters ?? []).includes(openid)) return { ok: true, changed: false, case: c };
  if (CASE_STATES[c.state].kind !== 'open') return { ok: false, code: 'CASE_CLOSED', message: '该诉求已办结，如问题仍存在请重新上报' };
  const coReporters = [...(c.coReporters ?? []), openid];
  const version = c.version + 1;
  const next: CaseRecord = { ...c, coReporters, reporters: 1 + coReporters.length, updatedAt: now, version };
  const entry: LogEntry = {
    subject: 'case',
    caseId: c.id,
    event: 'join',
    what: `又有群众反映此问题（共 ${next.reporters} 人）`,
    by: { id: openid },
    role: 'citizen',
    at: now,
    from: c.state,
    to: c.state,
    version,
  };
  return { ok: true, changed: true, case: next, entry };
}
