import { docProblem, ORG_COLLECTIONS, type OrgCollection } from '@domain/org/org-docs';
import { GULOU_SEED } from '@domain/org/seed';
import { EXAMPLE_STANDING_RULE } from '@domain/org/seed';

test('every seeded org document passes its stored-document schema', () => {
  let checked = 0;
  for (const coll of Object.keys(ORG_COLLECTIONS) as OrgCollection[]) {
    const docs = (GULOU_SEED as Record<string, unknown[]>)[coll];
    checked += docs.length;
    for (const d of docs) expect([coll, (d as { _id: string })._id, docProblem(coll, d)]).toEqual([coll, (d as { _id: string })._id, null]);
  }
  expect(checked).toBeGreaterThan(250);
});

describe('standing rule documents', () => {
  const good = { ...EXAMPLE_STANDING_RULE };
  test.each<[string, unknown, string | null]>([
    ['the example rule', good, null],
    ['degenerate polygon', { ...good, area: { polygon: { type: 'Polygon', coordinates: [[]] } } }, '区域边界至少需要3个点'],
    ['no assignments', { ...good, assignments: [] }, '未指定责任部门'],
    ['bad phase', { ...good, assignments: [{ deptId: 'd', phase: 'later' }] }, '阶段须为事前、事中或事后'],
    ['active missing', { ...good, active: undefined }, '启用标记格式不正确'],
  ])('%s', (_n, doc, expected) => {
    const p = docProblem('standingRules', doc);
    if (expected === null) expect(p).toBeNull();
    else expect(p).toContain(expected);
  });
});
