/** Days in org inputs (rota ranges, a rule's start) exist on the calendar and lie within the documented time bounds. */
import { isBoundedDay, rotaEntryInput, ruleSaveInput } from '@domain/org/org-schema';
import * as z from 'zod/mini';

const rota = (from: string, to = from) => z.safeParse(rotaEntryInput, { level: 'district', staffId: 'staff-district-leader-1', from, to });
const rule = (from: string) => z.safeParse(ruleSaveInput, { categoryCode: 'fumes', assignments: [{ deptId: 'dept-sthjj', phase: 'during', duty: '监督' }], from });
const message = (r: { success: boolean; error?: { issues: Array<{ message: string }> } }) => (r.success ? null : r.error!.issues[0].message);

test.each<[string, boolean]>([
  ['2026-11-17', true],
  ['2020-01-01', true],
  ['2099-12-31', true],
  ['2028-02-29', true],
  ['2026-02-29', false],
  ['2026-02-31', false],
  ['2026-13-01', false],
  ['2026-00-10', false],
  ['2019-12-31', false],
  ['2100-01-01', false],
  ['9999-12-31', false],
  ['1900-01-01', false],
  ['2026-1-01', false],
])('%s is a bounded calendar day: %s', (s, ok) => {
  expect(isBoundedDay(s)).toBe(ok);
  expect(rota(s).success).toBe(ok);
  expect(rule(s).success).toBe(ok);
});

test('the refusals say why, in Chinese', () => {
  expect(message(rota('2026-12-01', '9999-12-31'))).toBe('日期不存在或超出允许范围（2020–2099年）');
  expect(message(rota('2026-02-31'))).toBe('日期不存在或超出允许范围（2020–2099年）');
  expect(message(rule('9999-01-01'))).toBe('生效日期不存在或超出允许范围（2020–2099年）');
});
