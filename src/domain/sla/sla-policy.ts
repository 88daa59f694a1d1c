import { DAYTIME_HOURS, type WorkingHours } from '../common/business-time';

/**
 * Near-due warning: at `fraction` of the span from the start of handling to the deadline, or `leadMin`
 * minutes before the deadline; when both are given the earlier instant wins.
 */
export interface NearDueRule {
  fraction?: number;
  leadMin?: number;
}

/** Clocks of the mechanism, configurable (docs/REQUIREMENTS.md: respond ≤ 10 min, assign ≤ 1 h). */
export interface SlaPolicy {
  /** 签收 within this many minutes of dispatch */
  respondMin: number;
  /** named handler within this many minutes of dispatch */
  assignMin: number;
  nearDue: NearDueRule;
  /** deadline used when the category gives none (minutes) */
  defaultDeadlineMin: number;
  /** window used by categories that pause at night */
  workingHours: WorkingHours;
  /** automatic hard-case (疑难件) triggers */
  autoHard: {
    /** flag when the deadline passes */
    overdue: boolean;
    /** flag when re-routed at least this many times */
    reroutes: number;
    /** flag when at least this many distinct departments are involved */
    depts: number;
  };
}

export const DEFAULT_SLA_POLICY: SlaPolicy = {
  respondMin: 10,
  assignMin: 60,
  nearDue: { fraction: 0.8 },
  defaultDeadlineMin: 3 * 24 * 60,
  workingHours: DAYTIME_HOURS,
  autoHard: { overdue: true, reroutes: 2, depts: 3 },
};

/** Per-category handling clock (data from the categories collection). */
export interface CategoryClock {
  /** 规定时间, minutes */
  deadlineMin: number;
  /** clock pauses outside the policy's working hours (default false: runs through the night) */
  businessHoursOnly?: boolean;
}

/** Fill a partial policy (e.g. from a config document) with the defaults. */
export function slaPolicy(partial?: Partial<SlaPolicy>): SlaPolicy {
  return {
    ...DEFAULT_SLA_POLICY,
    ...partial,
    nearDue: partial?.nearDue ?? DEFAULT_SLA_POLICY.nearDue,
    autoHard: { ...DEFAULT_SLA_POLICY.autoHard, ...partial?.autoHard },
  };
}
