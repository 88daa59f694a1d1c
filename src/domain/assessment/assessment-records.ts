import type { CallRecord } from '../call/call-types';
import { CHECKIN_STATUS_LABELS } from '../call/call-checkin';
import { CALL_ACCURACY_LEVELS, CALL_REASONS, DEPT_RATING_LEVELS, DEPT_REASONS } from '../rating/rating-codes';
import { monthKey, yearKey } from '../common/business-time';
import { DEFAULT_FORMULA, type ScoringFormula } from './assessment-formula';
import { subjectKey, type AssessmentRecord, type AssessmentSource, type AssessmentSubject, type PostChain, type ScoreItem } from './assessment-types';

/** Facts about the case at rating time that the formula uses. */
export interface CaseFacts {
  overdue: boolean;
  reworkCount: number;
  /** the responsible department (consultation or hard-case decision), if any */
  responsibleDeptId?: string;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

function build(call: CallRecord, source: AssessmentSource, at: number, items: ScoreItem[], targets: { subject: AssessmentSubject; weight: number }[]): AssessmentRecord[] {
  const raw = items.reduce((s, i) => s + i.points, 0);
  return targets.map(({ subject, weight }) => ({
    key: `${call.id}:${source}:${subjectKey(subject)}`,
    source,
    callId: call.id,
    caseId: call.caseId,
    subject,
    at,
    month: monthKey(at),
    year: yearKey(at),
    weight,
    items,
    points: round2(raw * weight) + 0, // + 0 turns -0 into 0
  }));
}

/** The unweighted score items of a street's rating of a called department. */
export function deptPerformanceItems(call: CallRecord, facts: CaseFacts, formula: ScoringFormula = DEFAULT_FORMULA): ScoreItem[] {
  if (!call.streetRating) throw new Error('call has no street rating');
  const items: ScoreItem[] = [];
  const status = call.checkIn?.status ?? (call.state === 'absent' || call.absentAt !== undefined ? 'absent' : undefined);
  if (status === 'onTime' || status === 'late' || status === 'absent') {
    items.push({ code: `checkIn.${status}`, label: CHECKIN_STATUS_LABELS[status], points: formula.checkIn[status] });
  }
  const level = call.streetRating.level;
  items.push({ code: `rating.${level}`, label: DEPT_RATING_LEVELS[level], points: formula.streetRating[level] });
  for (const r of call.streetRating.reasons) {
    const p = formula.reasons[r];
    if (p) items.push({ code: `reason.${r}`, label: DEPT_REASONS[r].label, points: p });
  }
  if (facts.responsibleDeptId === call.deptId) {
    if (facts.overdue && formula.overdue) items.push({ code: 'case.overdue', label: '事项逾期', points: formula.overdue });
    if (facts.reworkCount > 0 && formula.rework) items.push({ code: 'case.rework', label: `返工${facts.reworkCount}次`, points: formula.rework * facts.reworkCount });
  }
  return items;
}

/**
 * Assessment records from a street's rating of a department: the officer, the deputy in charge, the chief
 * (those present in the chain) and the department unit.
 */
export function deptPerformanceRecords(call: CallRecord, chain: PostChain, facts: CaseFacts, formula: ScoringFormula = DEFAULT_FORMULA): AssessmentRecord[] {
  const items = deptPerformanceItems(call, facts, formula);
  const at = call.streetRating!.at;
  const w = formula.weights;
  const targets: { subject: AssessmentSubject; weight: number }[] = [];
  if (chain.officer) targets.push({ subject: { kind: 'person', staffId: chain.officer.staffId, name: chain.officer.name, post: 'officer', unitId: call.deptId }, weight: w.officer });
  if (chain.deputy) targets.push({ subject: { kind: 'person', staffId: chain.deputy.staffId, name: chain.deputy.name, post: 'deputy', unitId: call.deptId }, weight: w.deputy });
  if (chain.chief) targets.push({ subject: { kind: 'person', staffId: chain.chief.staffId, name: chain.chief.name, post: 'chief', unitId: call.deptId }, weight: w.chief });
  targets.push({ subject: { kind: 'unit', unitId: call.deptId, unitKind: 'dept' }, weight: w.deptUnit });
  return build(call, 'deptPerformance', at, items, targets);
}

/** Assessment records from a department's rating of the call: the calling person and the calling street. */
export function callAccuracyRecords(call: CallRecord, formula: ScoringFormula = DEFAULT_FORMULA): AssessmentRecord[] {
  const r = call.deptRating;
  if (!r) throw new Error('call has no department rating');
  const items: ScoreItem[] = [{ code: `accuracy.${r.level}`, label: CALL_ACCURACY_LEVELS[r.level], points: formula.callAccuracy[r.level] }];
  for (const code of r.reasons) {
    const p = formula.callReasons[code];
    if (p) items.push({ code: `callReason.${code}`, label: CALL_REASONS[code], points: p });
  }
  return build(call, 'callAccuracy', r.at, items, [
    { subject: { kind: 'person', staffId: call.caller.staffId, name: call.caller.name, post: 'caller', unitId: call.streetId }, weight: formula.weights.caller },
    { subject: { kind: 'unit', unitId: call.streetId, unitKind: 'street' }, weight: formula.weights.streetUnit },
  ]);
}
