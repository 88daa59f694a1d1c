import type { StandingRule } from '../org-types';

/**
 * Standing rules (长效机制) are adopted after analysis (e.g. the 五凤山庄 fumes rule), so the seed
 * ships none. The record below is an EXAMPLE of the shape only — it is not part of the seed.
 */
export const STANDING_RULES: StandingRule[] = [];

export const EXAMPLE_STANDING_RULE: StandingRule = {
  _id: 'rule-example-fumes',
  title: '示例：餐饮油烟（非正式规则，仅示意格式）',
  categoryCode: 'fumes',
  area: { streetId: 'street-wufeng' },
  assignments: [
    { deptId: 'dept-scjgj', phase: 'before', duty: '业主承诺' },
    { deptId: 'dept-sthjj', phase: 'during', duty: '环保监督' },
    { deptId: 'dept-cgj-zfdd', phase: 'after', duty: '城管处置处罚' },
  ],
  active: false,
  adoptedBy: 'example',
  adoptedAt: 0,
  source: 'example',
};
