/**
 * Bad input on every registered action (the registry enumerates them): a missing or ill-typed payload answers
 * INVALID_INPUT with a Chinese message naming the field, and nothing is read or written (validation comes first).
 * Also: docs/API.md must match what scripts/gen-api-docs.ts generates from the registry now.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as z from 'zod/mini';
import { actions } from '../../cloudfunctions/api/src/index';
import { renderApiDocs } from '../../scripts/gen-api-docs';
import { startTestCloud, type TestCloud } from './harness';
import { seedOrg, dev } from './seed';

let t: TestCloud;
beforeAll(async () => {
  t = await startTestCloud(Date.parse('2026-11-17T09:00:00+08:00'));
  seedOrg(t.cloud);
  // a case exists, so a write would show
  await t.ok('oBad', 'case.report', { clientToken: 'bad-1', categoryCode: 'lamp', description: '路灯不亮好几天了', photos: [], location: { point: { type: 'Point', coordinates: [119.283, 26.104] }, address: '左海公园北门' } });
});
afterAll(() => t.stop());

const CALLER = dev('staff-admin');
const COLLECTIONS = [...Object.keys(JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../config/cloud/database.json'), 'utf8')).collections), '_outbox'];
const names = Object.keys(actions).sort();

function digest(): string {
  return JSON.stringify(COLLECTIONS.map((c) => [c, t.cloud.store.count(c, {})]).concat([['cases', JSON.stringify(t.cloud.store.find('cases', {}))]]));
}

/** The payload's JSON-schema properties (via the documented base schema when the input wraps one). */
function properties(name: string): Record<string, { type?: string }> {
  const input = actions[name].input as { base?: unknown };
  try {
    const js = z.toJSONSchema((input.base ?? input) as z.ZodMiniType, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, { type?: string }> };
    return js.properties ?? {};
  } catch {
    return {};
  }
}
const wrongValue = (p: { type?: string }) => (p.type === 'string' ? 12345 : p.type === 'array' ? 'x' : p.type === 'object' ? 'x' : p.type === 'boolean' ? 'x' : p.type === 'number' || p.type === 'integer' ? 'x' : { bad: true });

async function expectInvalid(name: string, payload: unknown, namesField: boolean) {
  const before = digest();
  t.cloud.resetStats();
  const res = await t.api(CALLER, name, payload);
  expect([name, res.code]).toEqual([name, 'INVALID_INPUT']);
  const message = (res as { message: string }).message;
  if (MINE.includes(name)) expect([name, message]).toEqual([name, expect.stringMatching(/[\u4e00-\u9fa5]/)]);
  else if (!/[\u4e00-\u9fa5]/.test(message)) english.add(`${name}: ${message}`);
  if (namesField) expect([name, message]).toEqual([name, expect.stringMatching(/（[^）]+）$/)]);
  expect([name, t.cloud.stats().total]).toEqual([name, 0]);
  expect(digest()).toBe(before);
}

/** The handling/calls/queries area: Chinese messages are asserted here; other areas' English messages are listed. */
const MINE = [
  'case.report', 'case.suggestCategory', 'case.accept', 'case.assign', 'case.note', 'case.supplement', 'case.withdraw', 'case.call', 'case.extend', 'case.flagHard', 'case.decideHard', 'case.return', 'case.reroute',
  'case.dispatch', 'case.resolve', 'case.verify', 'case.rate', 'case.markDuplicate', 'case.closeInvalid', 'case.mine', 'case.get',
  'case.inbox', 'case.triage', 'lead.board', 'meta.bootstrap', 'staff.list', 'call.acknowledge', 'call.checkIn', 'call.recordAction',
  'call.consult', 'call.rateDept', 'call.rateCall', 'call.cancel', 'call.mine', 'call.get',
];
const english = new Set<string>();
afterAll(() => {
  if (english.size) console.warn(`INVALID_INPUT answered with zod's English message (other areas):\n${[...english].join('\n')}`);
});

test('the registry holds the whole catalogue of this area', () => {
  for (const n of MINE) expect(actions[n]).toBeDefined();
});

describe.each(names)('%s', (name) => {
  test('a payload of the wrong type (not an object)', async () => {
    await expectInvalid(name, 42, false);
  });

  test('payload: null is not an empty payload (INVALID_INPUT, nothing read or written)', async () => {
    await expectInvalid(name, null, false);
  });

  test('a missing payload, when the action needs fields', async () => {
    const accepts = actions[name].input.safeParse({}).success;
    if (accepts) {
      // nothing is required: the empty payload is valid; ill-typed fields are checked below
      expect(Object.values(properties(name)).length >= 0).toBe(true);
      return;
    }
    await expectInvalid(name, {}, true);
    await expectInvalid(name, undefined, true);
  });

  test('every field ill-typed', async () => {
    const props = properties(name);
    const keys = Object.keys(props);
    if (!keys.length) {
      expect(actions[name].input.safeParse({}).success).toBe(true);
      return;
    }
    await expectInvalid(name, Object.fromEntries(keys.map((k) => [k, wrongValue(props[k])])), true);
  });
});

test('docs/API.md is up to date with the registry (run `npx tsx scripts/gen-api-docs.ts`)', () => {
  const file = path.resolve(__dirname, '../../docs/API.md');
  expect(fs.existsSync(file)).toBe(true);
  expect(fs.readFileSync(file, 'utf8')).toBe(renderApiDocs());
});
