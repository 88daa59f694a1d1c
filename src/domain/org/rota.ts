import { shanghaiDay, shanghaiWeekday } from '../stats/stats-day';
import type { RotaEntry, RotaLevel } from './org-types';

export interface OnDuty {
  district: RotaEntry[];
  street: RotaEntry[];
  /** staff ids, district level first, without duplicates */
  staffIds: string[];
}

function matchesDate(e: RotaEntry, day: string): boolean {
  if (e.from && day < e.from) return false;
  if (e.to && day > e.to) return false;
  return true;
}

function pick(rota: RotaEntry[], level: RotaLevel, streetId: string | undefined, day: string, weekday: number): RotaEntry[] {
  const ofLevel = rota.filter((e) => e.level === level && (level === 'district' || e.streetId === streetId));
  const dated = ofLevel.filter((e) => (e.from || e.to) && matchesDate(e, day) && (!e.weekdays || e.weekdays.includes(weekday)));
  if (dated.length > 0) return dated;
  return ofLevel.filter((e) => !e.from && !e.to && (e.weekdays ?? []).includes(weekday));
}

/**
 * Leaders on the two-level patrol rota (两级巡查轮值) at an instant: district-level leaders plus the
 * leaders of the given street/town, by Asia/Shanghai date and weekday. Dated entries (holiday rosters)
 * replace the weekday pattern of their level on the dates they cover.
 */
export function onDutyLeaders(rota: RotaEntry[], streetId: string | undefined, at: number): OnDuty {
  const day = shanghaiDay(at);
  const weekday = shanghaiWeekday(at);
  const district = pick(rota, 'district', undefined, day, weekday);
  const street = streetId ? pick(rota, 'street', streetId, day, weekday) : [];
  const staffIds: string[] = [];
  for (const e of [...district, ...street]) if (!staffIds.includes(e.staffId)) staffIds.push(e.staffId);
  return { district, street, staffIds };
}
