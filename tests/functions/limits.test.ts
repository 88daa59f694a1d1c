/**
 * Per-user rate limits on the production defaults (src/domain/common/rate-limits.ts), on the fake clock, through
 * the real SDK: counters live in the `rateLimits` collection, so they hold across concurrently running instances
 * and across cold starts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { startTestCloud, type TestCloud } from './harness';
import { at, dev, seedOrg } from './seed';

let t: TestCloud;
const T0 = at(11, 17, 9, 0);
beforeAll(async () => {
  t = await startTestCloud(T0);
  seedOrg(t.cloud);
  t.cloud.store.insert('staff', [{ _id: 'staff-invitee', name: '林新', roles: ['handler'], streetId: 'street-wufeng', unitName: '五凤街道', inviteCode: 'WF2026ZZ' }] as never);
});
afterAll(() => t.stop());

let n = 0;
const report = (openid: string) => {
  n += 1;
  return t.api(openid, 'case.report', { clientToken: `lim-${n}`, categoryCode: 'lamp', description: `路灯不亮第${n}处，请尽快处理`, communityId: 'comm-wufeng', photos: [] });
};
const casesOf = (openid: string) => t.cloud.store.find('cases', { 'reporter.openid': openid }).length;

describe('reports per openid: 10 an hour, 30 a day', () => {
  test('the 11th report in an hour is refused with the wait in Chinese, writes nothing and sends nothing; the next hour is open', async () => {
    const who = 'oLimitHour';
    t.clock.set(at(11, 17, 9, 5));
    for (let i = 0; i < 10; i++) expect((await report(who)).code).toBe(0);
    const outboxBefore = t.cloud.outbox().length;
    t.clock.set(at(11, 17, 9, 48));
    const refused = await report(who);
    expect(refused).toMatchObject({ code: 'RATE_LIMITED', message: '操作太频繁，请 12 分钟后再试', details: { retryAfterSec: 12 * 60 } });
    expect(casesOf(who)).toBe(10);
    // subscribe messages follow from reports: nobody is notified of a refused one
    expect(t.cloud.outbox().length).toBe(outboxBefore);
    // another citizen is not affected
    expect((await report('oLimitNeighbour')).code).toBe(0);
    t.clock.set(at(11, 17, 10, 0));
    expect((await report(who)).code).toBe(0);
    expect(casesOf(who)).toBe(11);
  });

  test("the rate limit answers before the checks that run beside it: another's photo is RATE_LIMITED once over the limit, PHOTO_INVALID before", async () => {
    const who = 'oLimitGate';
    const others = await t.upload('oLimitGateOther');
    t.clock.set(at(11, 19, 9, 5));
    n += 1;
    const withPhoto = (photo: string) => t.api(who, 'case.report', { clientToken: `lim-${n++}`, categoryCode: 'lamp', description: '路灯不亮，请尽快处理', communityId: 'comm-wufeng', photos: [photo] });
    expect((await withPhoto(others)).code).toBe('PHOTO_INVALID');
    for (let i = 0; i < 9; i++) expect((await report(who)).code).toBe(0);
    const outboxBefore = t.cloud.outbox().length;
    expect(await withPhoto(others)).toMatchObject({ code: 'RATE_LIMITED' });
    expect(await withPhoto(await t.upload(who))).toMatchObject({ code: 'RATE_LIMITED' });
    expect(casesOf(who)).toBe(9);
    expect(t.cloud.outbox().length).toBe(outboxBefore);
  });

  test('the 31st report in a day is refused until midnight (Asia/Shanghai)', async () => {
    const who = 'oLimitDay';
    for (const h of [9, 10, 11]) {
      t.clock.set(at(11, 18, h, 1));
      for (let i = 0; i < 10; i++) expect((await report(who)).code).toBe(0);
    }
    t.clock.set(at(11, 18, 12, 0));
    expect(await report(who)).toMatchObject({ code: 'RATE_LIMITED', message: '操作太频繁，请 12 小时后再试' });
    t.clock.set(at(11, 19, 0, 1));
    expect((await report(who)).code).toBe(0);
    expect(casesOf(who)).toBe(31);
  });

  test('a burst of 15 at once over concurrent instances lets exactly 10 through (the database counts atomically)', async () => {
    const who = 'oLimitBurst';
    t.clock.set(at(11, 20, 9, 0));
    const answers = await Promise.all(Array.from({ length: 15 }, () => report(who)));
    const codes = answers.map((a) => a.code);
    expect(codes.filter((c) => c === 0)).toHaveLength(10);
    expect(codes.filter((c) => c === 'RATE_LIMITED')).toHaveLength(5);
    expect(casesOf(who)).toBe(10);
  });

  test('counts survive a cold start (a new instance reads them from the database)', async () => {
    const who = 'oLimitCold';
    t.clock.set(at(11, 21, 9, 0));
    for (let i = 0; i < 6; i++) expect((await report(who)).code).toBe(0);
    // a changed bundle replaces every warm instance: the next invocations start cold
    const bundle = path.join(__dirname, '../../cloudfunctions/api/index.js');
    const cold = t.cloud.functionStats().coldStarts;
    const later = new Date(Date.now() + 1000);
    fs.utimesSync(bundle, later, later);
    for (let i = 0; i < 4; i++) expect((await report(who)).code).toBe(0);
    expect(t.cloud.functionStats().coldStarts).toBeGreaterThan(cold);
    expect((await report(who)).code).toBe('RATE_LIMITED');
    expect(t.cloud.store.find('rateLimits', {}).every((d) => !JSON.stringify(d).includes(who))).toBe(true); // subjects are hashed
  });
});

describe('invite codes: a burst limit, and a doubling lock-out after 5 wrong codes', () => {
  const who = 'oGuesser';
  test('5 wrong codes, then locked for 1 minute (even the right code), then 2 minutes after the next wrong one; success clears', async () => {
    t.clock.set(at(11, 22, 9, 0));
    for (let i = 0; i < 5; i++) expect((await t.api(who, 'account.bindInvite', { inviteCode: `WRONG00${i}` })).code).toBe('INVITE_NOT_FOUND');
    expect(await t.api(who, 'account.bindInvite', { inviteCode: 'WF2026ZZ' })).toMatchObject({ code: 'RATE_LIMITED', message: '操作太频繁，请 1 分钟后再试' });
    t.clock.set(at(11, 22, 9, 1) + 1000);
    expect((await t.api(who, 'account.bindInvite', { inviteCode: 'WRONG005' })).code).toBe('INVITE_NOT_FOUND');
    t.clock.set(at(11, 22, 9, 2));
    expect(await t.api(who, 'account.bindInvite', { inviteCode: 'WF2026ZZ' })).toMatchObject({ code: 'RATE_LIMITED', message: '操作太频繁，请 2 分钟后再试' });
    t.clock.set(at(11, 22, 9, 3) + 2000);
    expect(await t.api(who, 'account.bindInvite', { inviteCode: 'WF2026ZZ' })).toMatchObject({ code: 0, data: { staffId: 'staff-invitee' } });
    expect(t.cloud.store.find('rateLimits', { _id: { $regex: 'backoff$' } })).toEqual([]);
  });

  test('a burst of 40 guesses in one second: at most 10 reach the staff collection', async () => {
    t.clock.set(at(11, 23, 9, 0));
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => t.api('oBurstGuesser', 'account.bindInvite', { inviteCode: `GUESS${String(i).padStart(3, '0')}` })));
    const tried = answers.filter((a) => a.code === 'INVITE_NOT_FOUND').length;
    expect(tried).toBeLessThanOrEqual(10);
    expect(answers.filter((a) => a.code === 'RATE_LIMITED').length).toBe(40 - tried);
  });
});

describe("a citizen's messages on cases (case.note, case.supplement): 20 an hour and 60 a day per openid", () => {
  test('the 21st in an hour is refused, writes nothing and notifies nobody; staff notes are not counted; the next hour is open', async () => {
    const who = 'oChatty';
    t.clock.set(at(11, 25, 9, 0));
    const r = await report(who);
    expect(r.code).toBe(0);
    const caseId = (r as { data: { caseId: string } }).data.caseId;
    const logOf = () => (t.cloud.store.find('cases', { _id: caseId })[0] as unknown as { log: unknown[] }).log.length;
    t.clock.set(at(11, 25, 9, 10));
    for (let i = 0; i < 10; i++) expect((await t.api(who, 'case.supplement', { caseId, text: `补充第${i}条` })).code).toBe(0);
    for (let i = 0; i < 10; i++) expect((await t.api(who, 'case.note', { caseId, text: `留言第${i}条` })).code).toBe(0);
    const log = logOf();
    const outbox = t.cloud.outbox().length;
    expect(outbox).toBeGreaterThan(0); // each message notified the handlers
    t.clock.set(at(11, 25, 9, 40));
    expect(await t.api(who, 'case.note', { caseId, text: '第21条' })).toMatchObject({ code: 'RATE_LIMITED', message: '操作太频繁，请 20 分钟后再试', details: { retryAfterSec: 20 * 60 } });
    expect(await t.api(who, 'case.supplement', { caseId, text: '第22条' })).toMatchObject({ code: 'RATE_LIMITED' });
    expect(logOf()).toBe(log);
    expect(t.cloud.outbox().length).toBe(outbox);
    // the handler's own notes on the case are not limited
    const MAO = dev('staff-maoxiaojia');
    for (let i = 0; i < 25; i++) expect((await t.api(MAO, 'case.note', { caseId, text: `处置员说明${i}` })).code).toBe(0);
    t.clock.set(at(11, 25, 10, 0));
    expect((await t.api(who, 'case.note', { caseId, text: '下一小时' })).code).toBe(0);
  });
});

describe('Open311: 60 POSTs a minute per api_key', () => {
  test('the 61st in a minute is refused; the next minute is open', async () => {
    const post = (i: number) =>
      t.cloud.callFunction(
        'open311',
        {
          path: '/open311/requests.json',
          httpMethod: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          queryStringParameters: {},
          body: new URLSearchParams({ api_key: 'dev-open311-dcm', service_code: 'lamp', description: `路灯不亮第${i}处`, partner_request_id: `LIM-${i}`, lat: String(26.104 + i * 0.0006), long: '119.283' }).toString(),
          isBase64Encoded: false,
        },
        { source: 'wx_http' },
      ) as Promise<{ statusCode: number; body: string; headers?: Record<string, string> }>;
    t.clock.set(at(11, 24, 9, 0));
    for (let i = 0; i < 60; i++) expect((await post(i)).statusCode).toBe(201);
    const refused = await post(60);
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers?.['Retry-After'])).toBeGreaterThan(0);
    expect(refused.body).toContain('操作太频繁，请 1 分钟后再试');
    t.clock.set(at(11, 24, 9, 1));
    expect((await post(61)).statusCode).toBe(201);
  });
});

test('an operator raises a limit with YX_RATE_LIMITS (function environment)', async () => {
  const roomy = await startTestCloud(T0, { functionEnv: { YX_RATE_LIMITS: JSON.stringify({ report: { windows: [{ windowSec: 3600, max: 12 }] } }) } });
  try {
    seedOrg(roomy.cloud);
    const codes: Array<string | 0> = [];
    for (let i = 0; i < 13; i++) codes.push((await roomy.api('oRoomy', 'case.report', { clientToken: `r-${i}`, categoryCode: 'lamp', description: `路灯不亮第${i}处，请处理`, communityId: 'comm-wufeng', photos: [] })).code);
    expect(codes).toEqual([...Array(12).fill(0), 'RATE_LIMITED']);
  } finally {
    await roomy.stop();
  }
});

describe('what a limit costs: one request per attempt in the usual cases', () => {
  const rateRequests = () => t.cloud.requestTimings().filter((r) => r.collection === 'rateLimits').map((r) => r.action.replace('database.', ''));

  test('a first report of the day adds one document; later ones are one conditional update; a new hour reads and rewrites once', async () => {
    const who = 'oLimitCost';
    t.clock.set(at(11, 25, 9, 1));
    t.cloud.clearRequestLog();
    expect((await report(who)).code).toBe(0);
    expect(rateRequests()).toEqual(['insertDocument']);
    for (let i = 0; i < 3; i++) {
      t.cloud.clearRequestLog();
      expect((await report(who)).code).toBe(0);
      expect(rateRequests()).toEqual(['modifyDocument']);
    }
    // the hour window rolled over inside the same day: the increment does not match, the document is read and rewritten
    t.clock.set(at(11, 25, 10, 1));
    t.cloud.clearRequestLog();
    expect((await report(who)).code).toBe(0);
    expect(rateRequests()).toEqual(['modifyDocument', 'getDocument', 'modifyDocument']);
    const docs = t.cloud.store.find('rateLimits', { key: { $regex: '^report\\.' }, n3600: 1, n86400: 5 });
    expect(docs).toHaveLength(1);
  });

  test('a report refused by the day window still counts in the hour window it passed', async () => {
    const roomy = await startTestCloud(at(11, 26, 9, 0), { functionEnv: { YX_RATE_LIMITS: JSON.stringify({ report: { windows: [{ windowSec: 3600, max: 3 }, { windowSec: 86400, max: 4 }] } }) } });
    try {
      seedOrg(roomy.cloud);
      const send = (i: number) => roomy.api('oTwoWindows', 'case.report', { clientToken: `w-${i}`, categoryCode: 'lamp', description: `路灯不亮第${i}处，请处理`, communityId: 'comm-wufeng', photos: [] });
      const codes: Array<string | 0> = [];
      for (let i = 0; i < 3; i++) codes.push((await send(i)).code);
      roomy.clock.set(at(11, 26, 10, 0));
      for (let i = 3; i < 6; i++) codes.push((await send(i)).code);
      expect(codes).toEqual([0, 0, 0, 0, 'RATE_LIMITED', 'RATE_LIMITED']);
      const [doc] = roomy.cloud.store.find('rateLimits', {}) as Array<Record<string, number>>;
      expect([doc.n3600, doc.n86400]).toEqual([3, 4]);
    } finally {
      await roomy.stop();
    }
  });

  test('the timer tick of minute 0 forgets the documents of finished windows, and only those', async () => {
    t.clock.set(at(11, 27, 9, 30));
    expect((await report('oLimitForget')).code).toBe(0);
    // a finished window's document (of the former one-document-per-window layout too)
    t.cloud.store.insert('rateLimits', [{ _id: 'report.gone.3600.1', key: 'report.gone', count: 3, expiresAt: at(11, 27, 9, 0) }] as never);
    const before = t.cloud.store.find('rateLimits', {}).length;
    const expired = t.cloud.store.find('rateLimits', { expiresAt: { $lt: at(11, 27, 10, 0) } }).length;
    expect(expired).toBeGreaterThan(0);
    t.clock.set(at(11, 27, 10, 0));
    await t.cloud.callFunction('timer', { Type: 'Timer', TriggerName: 'drainDue' }, { source: 'wx_trigger' });
    expect(t.cloud.store.find('rateLimits', {}).length).toBe(before - expired);
    expect(t.cloud.store.find('rateLimits', { expiresAt: { $lt: at(11, 27, 10, 0) } })).toEqual([]);
    // the day window of this morning's report is still counted
    expect(t.cloud.store.find('rateLimits', { n86400: 1, expiresAt: at(11, 28, 0, 0) })).toHaveLength(1);
  });
});

void dev;
