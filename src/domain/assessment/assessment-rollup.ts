import { DEFAULT_FORMULA, type ScoringFormula } from './assessment-formula';
import { subjectKey, type AssessmentRecord, type AssessmentSubject } from './assessment-types';

export interface ScoreRow {
  subjectKey: string;
  subject: AssessmentSubject;
  /** 'YYYY-MM' or 'YYYY' */
  period: string;
  /** number of records (one per call and source) */
  records: number;
  /** distinct calls */
  calls: number;
  points: number;
  /** base + points, floored */
  score: number;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * Rolls records up per subject (person or unit) and period (business month or year). Pure and order-independent;
 * records with the same key count once (a re-written record is not double counted). Rows sorted by period,
 * then score descending, then subject key.
 */
export function rollUp(records: readonly AssessmentRecord[], period: 'month' | 'year', formula: ScoringFormula = DEFAULT_FORMULA): ScoreRow[] {
  const seen = new Set<string>();
  const rows = new Map<string, ScoreRow & { callSet: Set<string> }>();
  for (const r of records) {
    if (seen.has(r.key)) continue;
    seen.add(r.key);
    const p = period === 'month' ? r.month : r.year;
    const sk = subjectKey(r.subject);
    const id = `${p}|${sk}`;
    let row = rows.get(id);
    if (!row) {
      row = { subjectKey: sk, subject: r.subject, period: p, records: 0, calls: 0, points: 0, score: 0, callSet: new Set() };
      rows.set(id, row);
    }
    row.records += 1;
    row.callSet.add(r.callId);
    row.points = round2(row.points + r.points);
  }
  return Array.from(rows.values())
    .map(({ callSet, ...row }) => ({ ...row, calls: callSet.size, score: Math.max(formula.floor, round2(formula.base + row.points)) }))
    .sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : b.score - a.score || (a.subjectKey < b.subjectKey ? -1 : a.subjectKey > b.subjectKey ? 1 : 0)));
}
