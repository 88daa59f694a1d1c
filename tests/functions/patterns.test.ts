/**
 * Story 3 (docs/REQUIREMENTS.md): 五凤山庄 barbecue fumes, repeated; several departments, no rule → analysis finds the
 * pattern → a leader edits and adopts a standing rule (事前/事中/事后) → later reports route by the rule.
 */
import { pointInPolygon } from '../../src/domain/geo/geo-measure';
import { startTestCloud, type TestCloud } from './harness';
import { seedOrg, dev } from './seed';
import { storedCase, storedCall, T } from '../domain/stats/fixtures';

let t: TestCloud;
const LEADER = dev('staff-district-leader-1');
/** the district leader on the rota that Wednesday (2026-11-18): may change routing (routing-authority.ts) */
const ON_DUTY = dev('staff-district-leader-3');
const SHANZHUANG: [number, number] = [119.2870, 26.1060];
const near = (dx: number, dy: number): [number, number] => [SHANZHUANG[0] + dx / 100000, SHANZHUANG[1] + dy / 111195];

beforeAll(async () => {
  t = await startTestCloud(T('2026-11-18T00:10:00'));
  seedOrg(t.cloud);
  // seven fumes reports around 五凤山庄 over five weeks; most needed 生态环境局 and 城管执法大队, one also 市场监管局
  const days = ['2026-10-09', '2026-10-10', '2026-10-17', '2026-10-24', '2026-10-31', '2026-11-07', '2026-11-14'];
  const cases = days.map((d, i) =>
    storedCase({
      id: `f${i}`, categoryCode: 'fumes', streetId: 'street-wufeng', point: near(i * 7, i * 5), createdAt: T(`${d}T20:00:00`),
      description: '五凤山庄楼下烧烤店油烟熏人', deptIds: i === 0 ? ['dept-sthjj'] : i === 3 ? ['dept-sthjj', 'dept-cgj-zfdd', 'dept-scjgj'] : ['dept-sthjj', 'dept-cgj-zfdd'],
      resolvedAt: T(`${d}T23:00:00`), closedAt: T(`${d}T23:30:00`),
    }),
  );
  // background: noise reported 3 times in one evening elsewhere (not recurring), lamps on two days in 鼓东 (one department)
  cases.push(...[0, 1, 2].map((i) => storedCase({ id: `z${i}`, categoryCode: 'noise', streetId: 'street-gudong', point: [119.300, 26.090], createdAt: T(`2026-11-01T21:0${i}:00`), closedAt: T('2026-11-02T10:00:00'), resolvedAt: T('2026-11-02T09:00:00') })));
  cases.push(...[0, 1, 2].map((i) => storedCase({ id: `l${i}`, categoryCode: 'lamp', streetId: 'street-gudong', point: [119.305, 26.085], createdAt: T(`2026-11-0${3 + i}T21:00:00`), deptIds: ['dept-cgj-szs'], closedAt: T('2026-11-08T10:00:00'), resolvedAt: T('2026-11-08T09:00:00') })));
  t.cloud.store.insert('cases', cases as never);
  t.cloud.store.insert('calls', cases.filter((c) => c.id.startsWith('f')).flatMap((c) => c.deptIds.map((d, j) => storedCall({ id: `${c.id}-k${j}`, caseId: c.id, deptId: d, streetId: 'street-wufeng', meetAt: c.createdAt + 3_600_000, checkIn: 'onTime' }))) as never);
  await t.cloud.callFunction('rollup', {});
});
afterAll(() => t.stop());

describe('recurring problems → standing rule → routing (story 3)', () => {
  let pattern: any;

  test('the half-year analysis ranks 五凤山庄 fumes first and proposes a rule; one-evening noise is not recurring', async () => {
    const r = await t.ok(LEADER, 'stats.patterns', { period: 'halfYear', from: '2026-11-01' });
    expect(r.period).toMatchObject({ from: '2026-07-01', to: '2026-11-17' });
    expect(r.patterns.map((p: { categoryCode: string }) => p.categoryCode)).toEqual(['fumes', 'lamp']);
    pattern = r.patterns[0];
    expect(pattern).toMatchObject({ categoryName: '餐饮油烟', streetName: '五凤街道', reports: 7, days: 7, weeks: 6, needsRule: true, multiDeptReports: 6 });
    expect(pattern.depts.map((d: { name: string }) => d.name)).toEqual(['区生态环境局', '区城管局执法大队', '区市场监管局']);
    expect(pattern.proposal.assignments.map((a: { phase: string; deptName: string }) => [a.phase, a.deptName])).toEqual([
      ['before', '区市场监管局'], ['during', '区生态环境局'], ['after', '区城管局执法大队'],
    ]);
    expect(r.patterns[1]).toMatchObject({ categoryCode: 'lamp', needsRule: false });
    expect(r.patterns[1].proposal).toBeUndefined();
  });

  test('before adoption a new fumes report at 五凤山庄 routes by territory', async () => {
    const res = await t.ok('oCitizenS3a', 'case.report', { clientToken: 's3-before', categoryCode: 'fumes', description: '五凤山庄烧烤油烟又来了', photos: [], location: { point: { type: 'Point', coordinates: near(10, 10) }, address: '五凤山庄' } });
    const [doc] = t.cloud.store.find('cases', { _id: res.caseId }) as any[];
    expect(doc.routing[0].decision.basis).not.toBe('rule');
    // handled and closed that evening (otherwise the next report would be linked to it as a duplicate)
    t.cloud.store.update('cases', { _id: res.caseId }, { $set: { state: 'closed' } });
  });

  test('a leader on duty proposes the rule, the command centre adopts it; the next report routes by the rule', async () => {
    const p = pattern.proposal;
    const rule = {
      title: '五凤山庄餐饮油烟长效机制',
      categoryCode: p.categoryCode,
      area: p.area,
      assignments: [
        { deptId: 'dept-scjgj', phase: 'before', duty: '业主承诺' },
        { deptId: 'dept-sthjj', phase: 'during', duty: '环保监督' },
        { deptId: 'dept-cgj-zfdd', phase: 'after', duty: '城管处置处罚' },
      ],
    };
    expect(await t.api(LEADER, 'stats.adoptRule', { patternId: pattern.id, rule })).toMatchObject({ code: 'FORBIDDEN' }); // off duty
    // the leader on duty proposes: saved inactive, routing nothing yet
    const proposed = await t.ok(ON_DUTY, 'stats.adoptRule', { patternId: pattern.id, rule });
    expect(proposed).toMatchObject({ active: false, categoryCode: 'fumes', source: `analysis:${pattern.id}`, proposal: { by: 'staff-district-leader-3' } });
    const before = await t.ok('oCitizenS3a0', 'case.report', { clientToken: 's3-proposed', categoryCode: 'fumes', description: '五凤山庄楼下烧烤油烟很大', photos: [], location: { point: { type: 'Point', coordinates: near(80, 8) }, address: '五凤山庄' } });
    // inside the proposed rule's area (70 m from the next report: not its duplicate), yet not routed by it
    expect(pointInPolygon({ type: 'Point', coordinates: near(80, 8) }, proposed.area.polygon)).toBe(true);
    expect((t.cloud.store.find('cases', { _id: before.caseId })[0] as any).routing[0].decision.basis).not.toBe('rule');
    // the command centre adopts it: the same rule, now in force
    const adopted = await t.ok(dev('staff-zhzx-operator-1'), 'stats.adoptRule', { patternId: pattern.id, rule });
    expect(adopted).toMatchObject({ _id: proposed._id, active: true, adoptedBy: 'staff-zhzx-operator-1', proposal: { by: 'staff-district-leader-3' } });
    expect(t.cloud.store.count('standingRules', {})).toBe(1);
    // a leader may not change it once in force
    expect(await t.api(ON_DUTY, 'stats.adoptRule', { patternId: pattern.id, rule })).toMatchObject({ code: 'FORBIDDEN' });

    const res = await t.ok('oCitizenS3b', 'case.report', { clientToken: 's3-after', categoryCode: 'fumes', description: '五凤山庄楼下烧烤油烟很大', photos: [], location: { point: { type: 'Point', coordinates: near(12, 8) }, address: '五凤山庄' } });
    const [doc] = t.cloud.store.find('cases', { _id: res.caseId }) as any[];
    expect(doc.routing[0].decision).toMatchObject({ basis: 'rule', ruleId: adopted._id, streetId: 'street-wufeng' });
    expect(doc.routing[0].decision.assignments.map((a: { phase: string; deptId: string }) => [a.phase, a.deptId])).toEqual([['before', 'dept-scjgj'], ['during', 'dept-sthjj'], ['after', 'dept-cgj-zfdd']]);
    // outside the block (≈1 km away) the rule does not apply
    const far = await t.ok('oCitizenS3c', 'case.report', { clientToken: 's3-far', categoryCode: 'fumes', description: '路边烧烤油烟很大', photos: [], location: { point: { type: 'Point', coordinates: [119.2830, 26.1000] }, address: '五凤街道' } });
    const [farDoc] = t.cloud.store.find('cases', { _id: far.caseId }) as any[];
    expect(farDoc.routing[0].decision.basis).not.toBe('rule');

    const list = await t.ok(LEADER, 'stats.patterns', { period: 'halfYear', from: '2026-11-01' });
    expect(list.patterns[0].adoptedRuleId).toBe(adopted._id);
  });

  test('a rule must name the 事中 department and real departments', async () => {
    const bad = await t.api(ON_DUTY, 'stats.adoptRule', { rule: { title: 'x', categoryCode: 'fumes', assignments: [{ deptId: 'dept-nope', phase: 'during', duty: '环保监督' }] } });
    expect(bad).toMatchObject({ code: 'INVALID_INPUT', message: '责任部门不存在：dept-nope' });
    const noDuring = await t.api(ON_DUTY, 'stats.adoptRule', { rule: { title: 'x', categoryCode: 'fumes', assignments: [{ deptId: 'dept-sthjj', phase: 'after', duty: '城管处置' }] } });
    expect(noDuring).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('请指定事中阶段的责任部门') });
    // one rule for every path that writes rules: the administrators' save refuses it the same way
    const saved = await t.api(dev('staff-admin'), 'admin.rules.save', { categoryCode: 'fumes', assignments: [{ deptId: 'dept-sthjj', phase: 'after', duty: '城管处置' }] });
    expect(saved).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('请指定事中阶段的责任部门') });
    expect((await t.api(dev('staff-maoxiaojia'), 'stats.adoptRule', { rule: { title: 'x', categoryCode: 'fumes', assignments: [] } })).code).not.toBe(0);
  });
});
