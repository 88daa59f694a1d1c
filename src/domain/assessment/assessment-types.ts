import type { Person } from '../case/case-types';

/** The called department's post chain (from org data): the assessment reaches all three (一呼叫一考核). */
export interface PostChain {
  deptId: string;
  /** 经办人: the officer who handled the call (normally the one who checked in) */
  officer?: Person;
  /** 分管领导 */
  deputy?: Person;
  /** 主责领导 */
  chief?: Person;
}

export type PersonPost = 'officer' | 'deputy' | 'chief' | 'caller';
export const POST_LABELS: Record<PersonPost, string> = { officer: '经办人', deputy: '分管领导', chief: '主责领导', caller: '呼叫人' };

export type AssessmentSubject =
  | { kind: 'person'; staffId: string; name?: string; post: PersonPost; unitId: string }
  | { kind: 'unit'; unitId: string; unitKind: 'dept' | 'street' };

/** 'deptPerformance' = street's rating of a called department; 'callAccuracy' = department's rating of the call */
export type AssessmentSource = 'deptPerformance' | 'callAccuracy';

export interface ScoreItem {
  code: string;
  label: string;
  points: number;
}

export interface AssessmentRecord {
  /** deterministic: writing the same record twice is an upsert */
  key: string;
  source: AssessmentSource;
  callId: string;
  caseId: string;
  subject: AssessmentSubject;
  at: number;
  /** business month/year (Asia/Shanghai) the record counts in */
  month: string;
  year: string;
  /** weight applied for this subject (officer 1, deputy 0.5 …) */
  weight: number;
  /** unweighted items, then points = weight × Σ items, rounded to 0.01 */
  items: ScoreItem[];
  points: number;
}

export const subjectKey = (s: AssessmentSubject): string => (s.kind === 'person' ? `person:${s.staffId}` : `unit:${s.unitId}`);
