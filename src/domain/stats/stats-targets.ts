/**
 * Targets of the indicator tiles (指标阈值): one table says, per indicator, whether higher is better and where it turns
 * green (meets the target) and red (needs attention); between the two it is amber. The command centre may override
 * any of them with the settings document `settings/kpi.targets` ({ targets: { <indicator>: { good, bad } } }), checked
 * by `kpiTargetsOverride` — a malformed override is ignored entry by entry, never fatal.
 */
import * as z from 'zod/mini';
import type { Indicators, Rate } from './stats-types';

export type TargetKey = Exclude<keyof Indicators, 'strictSatisfactionRate' | 'onTimeCheckinRate' | 'meanRespondMinutes' | 'meanCloseHours'>;

export interface KpiTarget {
  /** 'higher': bigger is better (按期处置率); 'lower': smaller is better (超期待处置率) */
  better: 'higher' | 'lower';
  /** at or beyond this the tile is green */
  good: number;
  /** beyond this (below for 'higher', above for 'lower') the tile is red */
  bad: number;
}

export const DEFAULT_KPI_TARGETS: Record<TargetKey, KpiTarget> = {
  onTimeHandleRate: { better: 'higher', good: 0.95, bad: 0.8 },
  overdueOpenRate: { better: 'lower', good: 0.02, bad: 0.1 },
  closeRate: { better: 'higher', good: 0.9, bad: 0.7 },
  onTimeCloseRate: { better: 'higher', good: 0.9, bad: 0.75 },
  reworkRate: { better: 'lower', good: 0.05, bad: 0.15 },
  satisfactionRate: { better: 'higher', good: 0.9, bad: 0.8 },
  extensionRate: { better: 'lower', good: 0.1, bad: 0.25 },
  respondIn10Rate: { better: 'higher', good: 0.95, bad: 0.8 },
  assignIn60Rate: { better: 'higher', good: 0.95, bad: 0.8 },
  checkinRate: { better: 'higher', good: 0.95, bad: 0.85 },
  callAccuracyRate: { better: 'higher', good: 0.9, bad: 0.75 },
};

export type KpiLevel = 'good' | 'warn' | 'bad' | 'none';

/** The tile's colour for a value against its target ('none': no value, or no target). */
export function kpiLevel(value: Rate | undefined, target: KpiTarget | undefined): KpiLevel {
  if (value === null || value === undefined || !Number.isFinite(value) || !target) return 'none';
  if (target.better === 'higher') return value >= target.good ? 'good' : value < target.bad ? 'bad' : 'warn';
  return value <= target.good ? 'good' : value > target.bad ? 'bad' : 'warn';
}

const share = z.number({ error: '阈值须为 0 到 1 之间的数' }).check(z.gte(0, '阈值须为 0 到 1 之间的数'), z.lte(1, '阈值须为 0 到 1 之间的数'));
export const kpiTargetOverride = z.object({ good: share, bad: share });

/**
 * The targets in force: the table, with each well-formed override entry of the settings document applied (an entry
 * whose green and red bounds are the wrong way round for its direction is ignored).
 */
export function kpiTargets(settings: unknown): Record<TargetKey, KpiTarget> {
  const out: Record<TargetKey, KpiTarget> = { ...DEFAULT_KPI_TARGETS };
  const over = (settings as { targets?: Record<string, unknown> } | null | undefined)?.targets;
  if (!over || typeof over !== 'object') return out;
  for (const [k, v] of Object.entries(over)) {
    if (!(k in DEFAULT_KPI_TARGETS)) continue;
    const parsed = kpiTargetOverride.safeParse(v);
    if (!parsed.success) continue;
    const base = DEFAULT_KPI_TARGETS[k as TargetKey];
    const { good, bad } = parsed.data;
    if (base.better === 'higher' ? good < bad : good > bad) continue;
    out[k as TargetKey] = { better: base.better, good, bad };
  }
  return out;
}

/** The change of a rate against the previous period, in percentage points (null when either is unknown). */
export function changePoints(now: Rate | undefined, before: Rate | undefined): number | null {
  if (now === null || now === undefined || before === null || before === undefined) return null;
  return Math.round((now - before) * 1000) / 10;
}

/** Items waiting in the command centre's triage queues: amber after a working day, red after three days. */
export const TRIAGE_WAIT = { warnMs: 24 * 3600_000, badMs: 72 * 3600_000 };

export function waitLevel(since: number, now: number, t = TRIAGE_WAIT): 'ok' | 'warn' | 'bad' {
  const age = now - since;
  return age >= t.badMs ? 'bad' : age >= t.warnMs ? 'warn' : 'ok';
}
