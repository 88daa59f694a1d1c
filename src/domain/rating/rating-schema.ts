import { optionalText } from '../common/schema-parts';
import * as z from 'zod/mini';
import { checkCallRating, checkDeptRating } from './rating-rules';
import type { CallReasonCode, DeptReasonCode } from './rating-types';
import { CALL_REASON_CODES, DEPT_REASON_CODES } from './rating-codes';

const deptReason = z.enum(DEPT_REASON_CODES as [DeptReasonCode, ...DeptReasonCode[]], { error: '评价原因不正确' });
const callReason = z.enum(CALL_REASON_CODES as [CallReasonCode, ...CallReasonCode[]], { error: '评价原因不正确' });

/** Street → department (好评/中评/差评 with reasons). */
export const deptRatingInput = z
  .object({
    level: z.enum(['good', 'fair', 'poor'], { error: '请选择好评、中评或差评' }),
    reasons: z._default(z.array(deptReason, { error: '评价原因不正确' }), []),
    note: optionalText('说明', 300),
  })
  .check(
    z.superRefine((v, ctx) => {
      const r = checkDeptRating(v);
      if (r) ctx.issues.push({ code: 'custom', message: r.message, input: v, path: ['reasons'] });
    }),
  );

/** Department → call (呼叫准确/呼叫不准确). */
export const callRatingInput = z
  .object({
    level: z.enum(['accurate', 'inaccurate'], { error: '请选择呼叫准确或呼叫不准确' }),
    reasons: z._default(z.array(callReason, { error: '评价原因不正确' }), []),
    note: optionalText('说明', 300),
  })
  .check(
    z.superRefine((v, ctx) => {
      const r = checkCallRating(v);
      if (r) ctx.issues.push({ code: 'custom', message: r.message, input: v, path: ['reasons'] });
    }),
  );

/** Citizen satisfaction (回访). */
export const satisfactionInput = z
  .object({
    level: z.enum(['satisfied', 'basic', 'dissatisfied'], { error: '请选择满意、基本满意或不满意' }),
    reason: optionalText('原因', 300),
  })
  .check(
    z.refine((v) => v.level !== 'dissatisfied' || !!v.reason, { message: '选择不满意时请说明原因', path: ['reason'] }),
  );

export type DeptRatingInput = z.infer<typeof deptRatingInput>;
export type CallRatingInput = z.infer<typeof callRatingInput>;
export type SatisfactionInput = z.infer<typeof satisfactionInput>;
