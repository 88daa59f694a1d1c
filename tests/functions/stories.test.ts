/**
 * docs/REQUIREMENTS.md stories 1, 2 and 5, end to end through the real functions (api, open311, timer) on the real SDK
 * against local/, on a fake clock with dates (2026). Each story has its own fresh, seeded cloud.
 *   1. A lamp out in an alley of 东街街道: a 12345 complaint entered by the command centre, routed once by
 *      territory, called 区城管局市政所, verification fails (still dark) → rework → lit → closed.
 *   2. 秘书横巷14号 roof drain (温泉街道金汤社区): the 金汤社区 worker handles it with the police room and the
 *      owners, closed within 5 days, the citizen is 满意.
 *   3. (story 5) 福州市水务集团 joins: 320 cases through Open311, each routed by territory with the city unit and
 *      its tracker, handled and verified in time while the timer drains: none overdue.
 */
import { formatBusiness } from '@domain/common/business-time';
import { pointInPolygon } from '@domain/geo/geo-measure';
import { STREETS } from '../../src/domain/org/seed/streets';
import { STAFF } from '../../src/domain/org/seed/staff';
import { startTestCloud, type TestCloud } from './harness';
import { uploadDirFor } from '../../cloudfunctions/common/owner';
import { at, seedOrg, dev } from './seed';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const place = (lng: number, lat: number, address: string) => ({ point: { type: 'Point' as const, coordinates: [lng, lat] as [number, number] }, address });
const fmt = (x: number) => formatBusiness(x);
const OPERATOR = dev('staff-zhzx-operator-1');

type Summary = { scanned: number; handled: number; skipped: number; ms: number; more: boolean; errors: number };

/** Run the timer's drain at the current fake time until nothing is left; answers the summed summary. */
async function drainAll(t: TestCloud): Promise<{ handled: number; errors: number }> {
  let handled = 0;
  let errors = 0;
  for (let i = 0; i < 100; i++) {
    const s = (await t.cloud.callFunction(
      'timer',
      { Type: 'Timer', TriggerName: 'drainDue', Time: new Date(t.clock.now()).toISOString() },
      { source: 'wx_trigger' },
    )) as Summary;
    handled += s.handled;
    errors += s.errors;
    if (!s.more) return { handled, errors };
  }
  throw new Error('the timer drain never finished');
}

const caseDoc = (t: TestCloud, id: string) => t.cloud.store.find('cases', { _id: id })[0] as any;
const titlesFor = (t: TestCloud, caseId: string) =>
  t.cloud
    .outbox()
    .filter((m) => JSON.stringify(m.data).includes(caseId))
    .map((m) => JSON.stringify(m.data));

// ───────────────────────────── story 1 ─────────────────────────────
describe('story 1: a lamp out in an alley of 东街街道 (12345)', () => {
  let t: TestCloud;
  beforeAll(async () => {
    t = await startTestCloud(at(11, 17, 19, 0));
    seedOrg(t.cloud);
  });
  afterAll(() => t.stop());

  const HANDLER = dev('staff-dongjie-handler-1');
  const SZS = dev('staff-cgj-szs-officer');
  // an alley by 军门社区 (inside 东街街道's polygon, checked against the seed below)
  const ALLEY = place(119.3047, 26.0885, '东街街道军门社区北侧小巷');
  const intake = {
    channel: 'hotline12345',
    channelRef: '12345-2026-1117-0421',
    categoryCode: 'lamp',
    description: '军门社区北侧小巷的路灯坏了好几天，晚上漆黑一片，不知道归哪个单位管',
    location: ALLEY,
    contactName: '陈女士',
    phone: '13700000000',
  };

  test('story 1: routed once by territory, called 市政所, rework after a failed check, closed when lit; the 12345 reference is kept', async () => {
    const go = async (when: number, openid: string, action: string, payload: Record<string, unknown>) => {
      t.clock.set(when);
      return t.ok(openid, action, payload);
    };
    // the seed's polygons put the alley in 东街街道 and nowhere else
    expect(STREETS.filter((s) => pointInPolygon(ALLEY.point.coordinates, s.boundary)).map((s) => s._id)).toEqual(['street-dongjie']);

    // 11-17 19:00 — the command-centre operator enters the 12345 work order
    const r = await go(at(11, 17, 19, 0), OPERATOR, 'case.channelIntake', intake);
    expect(r).toMatchObject({ state: 'dispatched', replayed: false });
    const caseId = r.caseId as string;
    const created = caseDoc(t, caseId);
    expect(created).toMatchObject({ channel: 'hotline12345', channelRef: '12345-2026-1117-0421', streetId: 'street-dongjie', state: 'dispatched' });
    expect(created.routing).toHaveLength(1);
    expect(created.routing[0]).toMatchObject({ kind: 'route', decision: { target: 'street', basis: 'polygon', streetId: 'street-dongjie', ownerDeptIds: ['dept-cgj-szs'] } });
    expect(created.routing[0].decision.reason).toContain('按属地原则派至东街街道');

    // accepted within 10 minutes; the drain after the 10-minute mark finds nothing late
    await go(at(11, 17, 19, 6), HANDLER, 'case.accept', { caseId });
    await go(at(11, 17, 19, 12), HANDLER, 'case.assign', { caseId, staffId: 'staff-dongjie-handler-1' });
    t.clock.set(at(11, 17, 19, 15));
    expect((await drainAll(t)).errors).toBe(0);

    // the call to 区城管局市政所: acknowledged, on site, action recorded
    const called = await go(at(11, 17, 19, 20), HANDLER, 'case.call', { caseId, deptIds: ['dept-cgj-szs'], what: '小巷路灯不亮，权属不清，请到场查看', place: ALLEY, meetAt: at(11, 18, 9, 30) });
    const callId = called.calls[0].id as string;
    await go(at(11, 17, 19, 40), SZS, 'call.acknowledge', { callId });
    const checked = await go(at(11, 18, 9, 25), SZS, 'call.checkIn', { callId, location: { type: 'Point', coordinates: [119.3047, 26.0887] } });
    expect(checked.checkIn).toMatchObject({ status: 'onTime' });
    await go(at(11, 18, 11, 0), SZS, 'call.recordAction', { callId, text: '已更换灯泡，该路灯纳入市政路灯管养', photos: [await t.upload(SZS, { name: 'lamp-bulb.jpg' })] });

    // first resolution; the night check finds it still dark → rework
    await go(at(11, 18, 12, 0), HANDLER, 'case.resolve', { caseId, result: '市政所已更换灯泡', photos: [await t.upload(HANDLER, { name: 'lamp-day.jpg' })] });
    t.clock.set(at(11, 18, 13, 0));
    expect((await drainAll(t)).errors).toBe(0);
    const failed = await go(at(11, 18, 19, 30), OPERATOR, 'case.verify', { caseId, pass: false, note: '夜间核查：路灯仍不亮' });
    expect(failed).toMatchObject({ state: 'handling' });
    expect(caseDoc(t, caseId)).toMatchObject({ state: 'handling', reworkCount: 1, assignee: { staffId: 'staff-dongjie-handler-1' } });
    expect(titlesFor(t, caseId).some((d) => d.includes('核查未通过需返工'))).toBe(true);

    // handled again: the cable was the fault; resolved, verified at night, closed
    await go(at(11, 19, 10, 0), HANDLER, 'case.note', { caseId, text: '市政所复查：线路老化断路，已更换电缆' });
    await go(at(11, 19, 18, 30), HANDLER, 'case.resolve', { caseId, result: '更换老化电缆后路灯已亮', photos: [await t.upload(HANDLER, { name: 'lamp-night.jpg' })] });
    await go(at(11, 19, 19, 30), OPERATOR, 'case.verify', { caseId, pass: true, note: '夜间核查路灯正常亮灯' });
    t.clock.set(at(11, 21, 9, 0)); // past the 72-hour deadline: nothing is left to time
    expect((await drainAll(t)).errors).toBe(0);

    const c = caseDoc(t, caseId);
    expect(c).toMatchObject({ state: 'closed', streetId: 'street-dongjie', reworkCount: 1, channel: 'hotline12345', channelRef: '12345-2026-1117-0421', verification: { pass: true } });
    expect(c.routing).toHaveLength(1); // no bouncing
    expect(c.flags.overdue).toBeUndefined();
    expect(c.flags.hard).toBeUndefined();
    expect(c.deptIds).toEqual(['dept-cgj-szs']);
    expect(c.due.filter((d: any) => d.status === 'pending')).toEqual([]);
    expect(c.clocks.acceptedAt - c.clocks.dispatchedAt).toBeLessThanOrEqual(10 * MIN);
    expect(fmt(c.clocks.closedAt)).toBe('2026-11-19 19:30');
    const caseEvents = c.log.filter((l: any) => l.subject !== 'call').map((l: any) => [fmt(l.at), l.event, l.role, l.by.id]);
    expect(caseEvents).toEqual([
      ['2026-11-17 19:00', 'create', 'command', 'staff-zhzx-operator-1'],
      ['2026-11-17 19:00', 'dispatch', 'system', 'system'],
      ['2026-11-17 19:06', 'accept', 'handler', 'staff-dongjie-handler-1'],
      ['2026-11-17 19:12', 'assign', 'handler', 'staff-dongjie-handler-1'],
      ['2026-11-17 19:20', 'call', 'handler', 'staff-dongjie-handler-1'],
      ['2026-11-18 12:00', 'resolve', 'handler', 'staff-dongjie-handler-1'],
      ['2026-11-18 19:30', 'verify', 'command', 'staff-zhzx-operator-1'],
      ['2026-11-19 10:00', 'note', 'handler', 'staff-dongjie-handler-1'],
      ['2026-11-19 18:30', 'resolve', 'handler', 'staff-dongjie-handler-1'],
      ['2026-11-19 19:30', 'verify', 'command', 'staff-zhzx-operator-1'],
    ]);
    const titles = titlesFor(t, caseId);
    expect(titles.some((d) => d.includes('派单超时未签收'))).toBe(false);
    expect(titles.some((d) => d.includes('签收后超时未分派'))).toBe(false);

    // re-entering the same 12345 reference creates nothing new
    const before = t.cloud.store.count('cases', {});
    const again = await go(at(11, 20, 9, 0), OPERATOR, 'case.channelIntake', { ...intake, description: '同一12345工单再次录入' });
    expect(again).toMatchObject({ caseId, replayed: true });
    expect(t.cloud.store.count('cases', {})).toBe(before);
    expect(t.cloud.store.count('cases', { channelRef: '12345-2026-1117-0421' })).toBe(1);
    expect(caseDoc(t, caseId)).toMatchObject({ state: 'closed', version: c.version });
  });
});

// ───────────────────────────── story 2 ─────────────────────────────
describe('story 2: 秘书横巷14号 roof drain (温泉街道金汤社区)', () => {
  let t: TestCloud;
  beforeAll(async () => {
    t = await startTestCloud(at(11, 17, 8, 30));
    seedOrg(t.cloud);
  });
  afterAll(() => t.stop());

  const CITIZEN = 'oCitizen-mishu14';
  const WORKER = dev('staff-jintang-worker-1');
  const SITE = place(119.3167, 26.0905, '秘书横巷14号');

  test('story 2: dispatched to 温泉街道, handled by the 金汤社区 worker with the police room and owners, closed within 5 days, 满意', async () => {
    const go = async (when: number, openid: string, action: string, payload: Record<string, unknown>) => {
      t.clock.set(when);
      return t.ok(openid, action, payload);
    };
    expect(STREETS.filter((s) => pointInPolygon(SITE.point.coordinates, s.boundary)).map((s) => s._id)).toEqual(['street-wenquan']);
    expect(STAFF.find((s) => s._id === 'staff-jintang-worker-1')).toMatchObject({ roles: ['community'], communityId: 'comm-jintang', streetId: 'street-wenquan' });

    const reported = at(11, 17, 8, 30);
    const r = await go(reported, CITIZEN, 'case.report', {
      clientToken: 'mishu-14-roof',
      categoryCode: 'drain',
      description: '秘书横巷14号楼顶排水管破损，下雨时雨水顺着墙流进住户家里',
      photos: [await t.upload(CITIZEN, { name: 'roof-drain.jpg' })],
      location: SITE,
      communityId: 'comm-jintang',
      phone: '13600000000',
    });
    expect(r).toMatchObject({ state: 'dispatched' });
    const caseId = r.caseId as string;
    expect(caseDoc(t, caseId)).toMatchObject({ streetId: 'street-wenquan', communityId: 'comm-jintang' });
    expect(caseDoc(t, caseId).routing[0].decision).toMatchObject({ basis: 'polygon', streetId: 'street-wenquan', cityUnitId: 'city-swjt', trackerDeptId: 'dept-slj' });

    // the 金汤社区 worker accepts and takes it on
    await go(at(11, 17, 8, 37), WORKER, 'case.accept', { caseId });
    await go(at(11, 17, 9, 0), WORKER, 'case.assign', { caseId, staffId: 'staff-jintang-worker-1' });
    await go(at(11, 17, 10, 0), WORKER, 'case.note', { caseId, text: '与社区警务室沟通，共同上门了解情况' });
    await go(at(11, 17, 15, 0), WORKER, 'case.note', { caseId, text: '召集14号楼业主协商维修方案' });
    // the owners need time to raise the money: the worker extends within the 2-day deadline
    await go(at(11, 18, 10, 0), WORKER, 'case.extend', { caseId, reason: '业主协商维修费用分摊，需筹措资金', newDeadline: at(11, 21, 18, 0) });
    t.clock.set(at(11, 19, 12, 0)); // past the original deadline (11-19 08:30): the extension holds
    expect((await drainAll(t)).errors).toBe(0);
    await go(at(11, 19, 16, 0), WORKER, 'case.note', { caseId, text: '业主已筹措资金，约定施工队周五维修' });
    await go(at(11, 21, 11, 0), WORKER, 'case.resolve', { caseId, result: '楼顶排水管已更换，经雨天检验不再渗漏', photos: [await t.upload(WORKER, { name: 'roof-drain-fixed.jpg' })] });
    await go(at(11, 21, 15, 0), OPERATOR, 'case.verify', { caseId, pass: true, note: '现场核查排水通畅' });
    await go(at(11, 21, 20, 0), CITIZEN, 'case.rate', { caseId, level: 'satisfied' });
    t.clock.set(at(11, 23, 9, 0));
    expect((await drainAll(t)).errors).toBe(0);

    const view = await t.ok(CITIZEN, 'case.get', { caseId });
    const c = view.case;
    expect(c).toMatchObject({ state: 'closed', stateLabel: '已办结', streetId: 'street-wenquan', communityId: 'comm-jintang', reworkCount: 0, satisfaction: { level: 'satisfied', round: 0 } });
    expect(c.flags.overdue).toBeUndefined();
    expect(c.clocks.closedAt - reported).toBeLessThanOrEqual(5 * DAY);
    expect(fmt(c.clocks.originalDeadline)).toBe('2026-11-19 08:30');
    expect(c.clocks.deadline).toBe(at(11, 21, 18, 0));
    expect(c.clocks.resolvedAt).toBeLessThan(c.clocks.deadline);
    const row = (l: any) => [fmt(l.at), l.event, l.role, l.by.id];
    expect(view.log.map(row)).toEqual([
      ['2026-11-17 08:30', 'create', 'citizen', c.reporter.id], // a per-case pseudonym, never the openid
      ['2026-11-17 08:30', 'dispatch', 'system', 'system'],
      ['2026-11-17 08:37', 'accept', 'community', 'staff-jintang-worker-1'],
      ['2026-11-17 09:00', 'assign', 'community', 'staff-jintang-worker-1'],
      ['2026-11-17 10:00', 'note', 'community', 'staff-jintang-worker-1'],
      ['2026-11-17 15:00', 'note', 'community', 'staff-jintang-worker-1'],
      ['2026-11-18 10:00', 'extend', 'community', 'staff-jintang-worker-1'],
      ['2026-11-19 16:00', 'note', 'community', 'staff-jintang-worker-1'],
      ['2026-11-21 11:00', 'resolve', 'community', 'staff-jintang-worker-1'],
      ['2026-11-21 15:00', 'verify', 'command', 'staff-zhzx-operator-1'],
      ['2026-11-21 20:00', 'rate', 'citizen', c.reporter.id],
    ]);
    expect(c.reporter).toMatchObject({ id: expect.stringMatching(/^c-/), self: true });
    expect(view.log.filter((l: any) => l.by.self).map((l: any) => l.event)).toEqual(['create', 'rate']);
    const notes = view.log.filter((l: any) => l.event === 'note').map((l: any) => l.what).join('|');
    for (const word of ['社区警务室', '业主协商', '筹措资金']) expect(notes).toContain(word);
    expect(c.resolution).toMatchObject({ photos: [expect.stringContaining(`/${uploadDirFor(WORKER)}/test/roof-drain-fixed.jpg`)], by: 'staff-jintang-worker-1' });
    const told = t.cloud.outbox().filter((m) => m.touser === CITIZEN).map((m) => JSON.stringify(m.data));
    for (const title of ['诉求已签收', '已延期', '诉求已办结', '请对办理结果评价']) expect(told.some((d) => d.includes(title))).toBe(true);
  });
});

// ───────────────────────────── story 5 ─────────────────────────────
describe('story 5: the water group joins (福州市水务集团 via Open311)', () => {
  let t: TestCloud;
  const DAY0 = at(12, 1, 8, 0); // Tuesday
  beforeAll(async () => {
    t = await startTestCloud(DAY0);
    seedOrg(t.cloud);
  });
  afterAll(() => t.stop());

  const KEY_SWJT = 'dev-open311-swjt';
  const PER_STREET = 32;
  const BATCHES = 8;

  async function http(method: string, path: string, opts: { form?: Record<string, string>; query?: Record<string, string> }): Promise<{ status: number; body: any }> {
    const event = {
      path: `/open311${path}`,
      httpMethod: method,
      headers: { host: 'env-local.service.tcloudbase.com', 'content-type': 'application/x-www-form-urlencoded', 'user-agent': 'swjt-system/2.0' },
      queryStringParameters: opts.query ?? {},
      requestContext: { requestId: 'req-swjt', envId: 'local-dev', appId: 123456789, uin: 123456789 },
      body: opts.form ? new URLSearchParams(opts.form).toString() : '',
      isBase64Encoded: false,
    };
    const res = (await t.cloud.callFunction('open311', event, { source: 'wx_http' })) as { statusCode: number; body: string };
    return { status: res.statusCode, body: JSON.parse(res.body) };
  }

  /** Points ~60 m apart inside exactly one street polygon (the seed's), PER_STREET per street. */
  function sites(): { street: string; lng: number; lat: number }[] {
    const out: { street: string; lng: number; lat: number }[] = [];
    for (const s of STREETS) {
      const [cx, cy] = s.centre;
      const found: { street: string; lng: number; lat: number }[] = [];
      for (let ring = 0; found.length < PER_STREET && ring < 20; ring++) {
        for (let i = -ring; i <= ring && found.length < PER_STREET; i++) {
          for (let j = -ring; j <= ring && found.length < PER_STREET; j++) {
            if (Math.max(Math.abs(i), Math.abs(j)) !== ring) continue;
            const p: [number, number] = [Number((cx + i * 0.0007).toFixed(6)), Number((cy + j * 0.0006).toFixed(6))];
            const inside = STREETS.filter((x) => pointInPolygon(p, x.boundary));
            if (inside.length === 1 && inside[0]._id === s._id) found.push({ street: s._id, lng: p[0], lat: p[1] });
          }
        }
      }
      expect(found).toHaveLength(PER_STREET);
      out.push(...found);
    }
    return out;
  }

  /** The street's first front-line handler in the seed. */
  const handlerOf = (streetId: string) => {
    const h = STAFF.find((s) => s.streetId === streetId && s.roles.includes('handler'));
    if (!h) throw new Error(`no handler in ${streetId}`);
    return h._id;
  };

  test('story 5: 320 partner cases routed by territory with city-swjt and dept-slj, handled in time, none overdue, reported closed', async () => {
    const all = sites();
    expect(all.length).toBe(PER_STREET * STREETS.length);
    const batches: (typeof all)[] = Array.from({ length: BATCHES }, () => []);
    all.forEach((s, i) => batches[i % BATCHES].push(s));

    // the timeline: batch b arrives at 08:00 + b h; 签收 +5 min, 分派 +20 min, resolved +6 h, verified +8 h
    type Step = { at: number; kind: 'post' | 'accept' | 'assign' | 'resolve' | 'verify'; batch: number };
    const steps: Step[] = [];
    for (let b = 0; b < BATCHES; b++) {
      const p = DAY0 + b * HOUR;
      steps.push({ at: p, kind: 'post', batch: b }, { at: p + 5 * MIN, kind: 'accept', batch: b }, { at: p + 20 * MIN, kind: 'assign', batch: b });
      steps.push({ at: p + 6 * HOUR, kind: 'resolve', batch: b }, { at: p + 8 * HOUR, kind: 'verify', batch: b });
    }
    steps.sort((a, b) => a.at - b.at);

    // a control on the same cloud: a 12345 drain case nobody handles is marked overdue by the same drain
    t.clock.set(DAY0);
    const control = await t.ok(OPERATOR, 'case.channelIntake', {
      channel: 'hotline12345',
      channelRef: '12345-2026-1201-0001',
      categoryCode: 'drain',
      description: '对照件：排水管道堵塞无人签收',
      communityId: 'comm-meifeng',
    });
    expect(control.state).toBe('dispatched');

    const ids: string[][] = Array.from({ length: BATCHES }, () => []);
    const expectedStreet = new Map<string, string>();
    let seq = 0;
    let drainErrors = 0;
    for (const step of steps) {
      t.clock.set(step.at);
      const batch = batches[step.batch];
      if (step.kind === 'post') {
        for (const s of batch) {
          seq += 1;
          const water = seq % 2 === 0;
          const res = await http('POST', '/requests.json', {
            form: {
              api_key: KEY_SWJT,
              service_code: water ? 'water-supply' : 'drain',
              lat: String(s.lat),
              long: String(s.lng),
              address_string: `水务工单点位${seq}`,
              description: water ? `用户反映水压偏低，自来水断续（水务工单${seq}）` : `排水管道堵塞，污水外溢（水务工单${seq}）`,
              partner_request_id: `SWJT-2026-${String(seq).padStart(4, '0')}`,
            },
          });
          expect(res.status).toBe(201);
          const id = res.body[0].service_request_id as string;
          ids[step.batch].push(id);
          expectedStreet.set(id, s.street);
          // the clocks are running: 签收, 分派 and deadline items are scheduled for the drain
          const fresh = caseDoc(t, id);
          const pending = fresh.due.filter((d: any) => d.status === 'pending');
          expect(pending.map((d: any) => d.kind).sort()).toEqual(['assign', 'nearDue', 'overdue', 'respond']);
          expect(pending.find((d: any) => d.kind === 'overdue').dueAt).toBe(fresh.clocks.deadline);
          expect(fresh.clocks.deadline - fresh.clocks.dispatchedAt).toBe(water ? DAY : 2 * DAY);
        }
      } else {
        for (const caseId of ids[step.batch]) {
          const street = expectedStreet.get(caseId) as string;
          const handler = handlerOf(street);
          if (step.kind === 'accept') await t.ok(dev(handler), 'case.accept', { caseId });
          else if (step.kind === 'assign') await t.ok(dev(handler), 'case.assign', { caseId, staffId: handler });
          else if (step.kind === 'resolve') await t.ok(dev(handler), 'case.resolve', { caseId, result: '水务集团已到场处置，恢复正常', photos: [await t.upload(dev(handler), { name: 'swjt-done.jpg' })] });
          else await t.ok(OPERATOR, 'case.verify', { caseId, pass: true });
        }
      }
      drainErrors += (await drainAll(t)).errors;
    }
    // days later, past every deadline: one more drain finds nothing to mark
    t.clock.set(DAY0 + 4 * DAY);
    drainErrors += (await drainAll(t)).errors;
    expect(drainErrors).toBe(0);

    const ctl = caseDoc(t, control.caseId);
    expect(ctl.flags.overdue).toMatchObject({ deadline: ctl.clocks.deadline });
    expect(ctl.log.filter((l: any) => l.event === 'markOverdue')).toHaveLength(1);

    const docs = t.cloud.store.find('cases', { channel: 'partner' }) as any[];
    expect(docs).toHaveLength(PER_STREET * STREETS.length);
    expect(docs.length).toBeGreaterThan(300);
    const streetsSeen = new Set<string>();
    for (const c of docs) {
      streetsSeen.add(c.streetId);
      expect(c).toMatchObject({ state: 'closed', streetId: expectedStreet.get(c._id), reworkCount: 0 });
      expect(c.routing).toHaveLength(1);
      expect(c.routing[0].decision).toMatchObject({ target: 'street', basis: 'polygon', streetId: expectedStreet.get(c._id), cityUnitId: 'city-swjt', trackerDeptId: 'dept-slj' });
      expect(c.flags.overdue).toBeUndefined();
      expect(c.flags.hard).toBeUndefined();
      expect(c.log.some((l: any) => l.event === 'markOverdue')).toBe(false);
      expect(c.clocks.acceptedAt).toBeLessThanOrEqual(c.clocks.respondBy);
      expect(c.clocks.assignedAt).toBeLessThanOrEqual(c.clocks.assignBy);
      expect(c.clocks.resolvedAt).toBeLessThan(c.clocks.deadline);
      expect(c.due.filter((d: any) => d.status === 'pending')).toEqual([]);
    }
    expect(streetsSeen.size).toBe(STREETS.length);
    const partnerIds = new Set(docs.map((c) => c._id as string));
    const late = t.cloud.outbox().filter((m) => /派单超时未签收|签收后超时未分派|已逾期/.test(JSON.stringify(m.data)));
    expect(late.length).toBeGreaterThan(0); // the control's warnings
    expect(late.filter((m) => [...partnerIds].some((id) => JSON.stringify(m.data).includes(id)))).toEqual([]);

    // the water group asks: all its requests, closed
    const list = await http('GET', '/requests.json', { query: { api_key: KEY_SWJT } });
    expect(list.status).toBe(200);
    expect(list.body).toHaveLength(PER_STREET * STREETS.length);
    expect(list.body.every((r: any) => r.status === 'closed')).toBe(true);
    const open = await http('GET', '/requests.json', { query: { api_key: KEY_SWJT, status: 'open' } });
    expect(open.body).toEqual([]);
  });
});
