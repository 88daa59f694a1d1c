/**
 * A realistic Gulou demo data set, generated THROUGH THE REAL FUNCTIONS: every case is reported, accepted,
 * called, checked in, resolved, verified and rated by calling the `api` function as the citizen or staff member
 * who would do it, with local/'s clock moved back in time (`cloud.setNow`) to when they would do it.
 * Nothing is written to the database directly. Deterministic choices (seeded PRNG); case ids come from the
 * server (random suffix), and the timer function runs alongside on the moved clock as it would in the cloud.
 *
 *   generateDemo(cloud, { cases: 150, days: 30 })      (scripts/start.ts calls it on the first start)
 *   tsx scripts/demo.ts --local http://127.0.0.1:8787   is NOT offered: the clock of a running local/ cannot be
 *                                                       moved from outside; use `npm start` (fresh .local-data).
 *
 * Contents: ~150 cases over the last 30 days across all streets and categories, placed near community centres
 * inside the street boundaries, in every state (dispatched, accepted, handling with calls — on-time, late and
 * far check-ins —, hard cases for the rota board, resolved awaiting 核查, closed with ratings incl. 不满意 →
 * reopened, returned and re-routed, duplicates, grid-forwarded, triage, invalid), plus the docs/REQUIREMENTS.md stories:
 * 秘书横巷14号 roof drain (温泉街道金汤社区, closed in 5 days), repeated 五凤山庄 barbecue fumes leading to a
 * standing rule that later reports are routed by, and the 左海公园北门 lamps (hard case, rota decision, 13 days).
 */
import zlib from 'node:zlib';
import type { LocalCloud } from '../local';
import { CATEGORIES, CITY_UNITS, COMMUNITIES, DEPARTMENTS, ROTA, STAFF, STREETS, onDutyLeaders } from '../src/domain/org';
import type { Category, Community, Staff } from '../src/domain/org';
import { pointInPolygon } from '../src/domain/geo/geo-measure';
import { uploadDirFor } from '../cloudfunctions/common/owner';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

export interface DemoOptions {
  /** generic cases besides the stories (default 150) */
  cases?: number;
  /** spread over the last N days (default 30) */
  days?: number;
  /** the demo's "now" (default: clock()) */
  endAt?: number;
  /** the cloud's normal clock, restored when the demo is done (default Date.now) */
  clock?: () => number;
  seed?: number;
  log?: (line: string) => void;
  /**
   * Run the `timer` function every this many simulated milliseconds while generating (default 4 h; 0: never).
   * Start the cloud with timers OFF while generating: its background loop would fire every real second on the
   * moved clock, which made generation 4–5× slower when measured; scripts/start.ts restarts with timers on.
   */
  timerEveryMs?: number;
}

export interface DemoReport {
  cases: number;
  byState: Record<string, number>;
  calls: number;
  steps: { run: number; ok: number; expectedRefusals: number; failed: number; skippedMissing: number; skippedState: number };
  missingActions: string[];
  failures: string[];
  stories: { roofDrain?: string; zuohaiLamps?: string; fumes: string[]; fumesRule?: string };
  ms: number;
  /** real milliseconds spent per action (count, total) */
  timing: Record<string, { n: number; ms: number }>;
  timerRuns: number;
}

// ───────────────────────────── deterministic randomness ─────────────────────────────
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Rng {
  constructor(private next: () => number) {}
  float(): number {
    return this.next();
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  weighted<T extends string>(w: Record<T, number>): T {
    const entries = Object.entries(w) as Array<[T, number]>;
    let r = this.next() * entries.reduce((s, [, x]) => s + x, 0);
    for (const [k, x] of entries) if ((r -= x) < 0) return k;
    return entries[entries.length - 1][0];
  }
}

// ───────────────────────────── places and words ─────────────────────────────
const ROADS: Record<string, string[]> = {
  'street-gudong': ['鼓屏路', '华林路', '冶山路', '湖东路'],
  'street-guxi': ['杨桥中路', '西湖路', '北大路', '双抛桥路'],
  'street-wenquan': ['温泉路', '五四路', '温泉支路', '秘书巷'],
  'street-dongjie': ['东街', '八一七北路', '津泰路', '法院路'],
  'street-nanjie': ['南后街', '杨桥东路', '吉庇路', '光禄坊'],
  'street-antai': ['安泰路', '乌山路', '道山路', '朱紫坊'],
  'street-huada': ['华林路', '北二环中路', '屏西路', '湖头街'],
  'street-wufeng': ['五凤路', '梅峰路', '铜盘路', '左海路'],
  'street-shuibu': ['古田路', '水部路', '五一北路', '福新中路'],
  'street-hongshan': ['洪山路', '工业路', '西二环北路', '洪甘路'],
};

/** Per category: what people write ({p} = the place). */
const TEXTS: Record<string, string[]> = {
  lamp: ['{p}的路灯好几天不亮了，晚上黑乎乎的', '{p}巷子里路灯坏了，老人晚上出门看不见路', '{p}路灯一闪一闪的，时亮时不亮'],
  road: ['{p}路面塌了一个坑，电动车经过很危险', '{p}人行道地砖松动翘起，已经有人绊倒', '{p}路面开裂破损，下雨积水'],
  manhole: ['{p}有个井盖不见了，黑洞洞的很危险', '{p}井盖破了一半，车压过去哐哐响', '{p}窨井盖下沉，晚上骑车容易摔'],
  guardrail: ['{p}路边护栏被撞倒了一段', '{p}河边栏杆断了，小孩靠近很危险', '{p}隔离护栏歪倒在机动车道上'],
  drain: ['{p}下水道堵了，污水往外冒', '{p}排水管破裂，楼道里都是水', '{p}雨水篦子堵死，一下雨就积水'],
  waterlogging: ['{p}路口积水很深，车都过不去', '{p}一下雨就淹，行人只能绕行', '{p}积水到小腿，公交站没法等车'],
  'water-supply': ['{p}停水一整天了也没通知', '{p}自来水水压很低，楼上根本没水', '{p}地下自来水管漏水，往路面冒'],
  wire: ['{p}电线垂得很低，快碰到行人头了', '{p}一捆网线挂在树上耷拉下来', '{p}电线杆上的线缆掉下来横在路上'],
  garbage: ['{p}垃圾堆了好几天没人清理，味道很大', '{p}装修垃圾堆在路边占了半条道', '{p}垃圾桶满了溢出来，苍蝇很多'],
  ads: ['{p}电线杆上贴满了小广告', '{p}楼道墙上喷的办证小广告', '{p}公交站牌上贴满牛皮癣广告'],
  vending: ['{p}流动摊贩占道摆摊，行人走不过去', '{p}早上菜贩占了整条人行道', '{p}夜市摊位摆到机动车道上'],
  'illegal-building': ['{p}顶楼有人在加盖彩钢房', '{p}一楼住户私自搭建围墙占用公共绿地', '{p}店铺门前违章搭建雨棚'],
  fumes: ['{p}楼下烧烤店油烟很大，熏得不敢开窗', '{p}餐馆油烟直排，整栋楼都是油烟味', '{p}夜宵摊烧烤烟雾呛人'],
  noise: ['{p}半夜工地还在施工，吵得睡不着', '{p}广场舞音响开得特别大声', '{p}酒吧音乐声太吵，凌晨还没停'],
  greenery: ['{p}行道树被风刮断了压在路边', '{p}绿化带被人毁了种菜', '{p}花坛里的树枯死了没人管'],
  bikes: ['{p}共享单车乱停堵住了盲道', '{p}地铁口共享单车堆成山', '{p}电单车停满人行道走不过去'],
  'traffic-light': ['{p}路口红绿灯不亮了，车辆乱成一团', '{p}信号灯一直闪黄灯', '{p}人行横道信号灯坏了'],
  parking: ['{p}车辆乱停堵住小区出入口', '{p}违停车辆占用消防通道', '{p}有车长期停在人行道上'],
  corridor: ['{p}楼道里堆满杂物，消防隐患很大', '{p}邻居在楼道堆放旧家具', '{p}楼梯间堆了很多纸箱'],
  neighbour: ['{p}楼上邻居漏水到我家，协商不成', '{p}邻居占用公共走廊引起纠纷', '{p}邻居装修噪音引起矛盾'],
  property: ['{p}小区物业不作为，电梯坏了一周没修', '{p}物业乱收停车费', '{p}小区物业不清理垃圾'],
  dog: ['{p}有人遛狗不牵绳，吓到小孩', '{p}小区里狗随地大小便没人清理', '{p}有大型犬在小区里乱跑'],
  other: ['{p}有个问题不知道该找谁反映', '{p}这里的情况希望有关部门来看看', '{p}周边环境问题请帮忙协调'],
};

const RESULTS: Record<string, string> = {
  lamp: '已更换灯具，夜间照明恢复正常',
  road: '已修补路面坑槽，恢复通行',
  manhole: '已补装井盖并加固',
  guardrail: '已修复护栏',
  drain: '已疏通排水管道，排水恢复正常',
  waterlogging: '已清疏雨水口，积水已排除',
  'water-supply': '已抢修供水管道，供水恢复',
  wire: '已整理固定线缆，消除隐患',
  garbage: '已清运垃圾，现场整洁',
  ads: '已清除小广告',
  vending: '已劝离摊贩，恢复通行',
  'illegal-building': '已责令停工并拆除违建部分',
  fumes: '已责令安装油烟净化设施，现场无明显油烟',
  noise: '已现场制止，噪音消除',
  greenery: '已清理断枝并补植',
  bikes: '已联系企业清运整理单车',
  'traffic-light': '已修复信号灯',
  parking: '已联系车主挪车并教育',
  other: '已协调相关单位处理完毕',
};

const CIVIL_HOURS: Array<[number, number]> = [
  [8, 3],
  [9, 4],
  [10, 4],
  [11, 3],
  [12, 2],
  [14, 3],
  [15, 3],
  [16, 3],
  [17, 3],
  [19, 3],
  [20, 3],
  [21, 2],
];

// ───────────────────────────── photos (placeholder images, labelled as such) ─────────────────────────────
const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
/** A small PNG: a two-tone gradient (demo photo placeholder). */
export function placeholderPng(w: number, h: number, [r, g, b]: [number, number, number]): Buffer {
  const raw = Buffer.alloc((w * 3 + 1) * h);
  for (let y = 0; y < h; y++) {
    raw[y * (w * 3 + 1)] = 0;
    for (let x = 0; x < w; x++) {
      const i = y * (w * 3 + 1) + 1 + x * 3;
      const f = 0.6 + 0.4 * (y / h);
      raw[i] = Math.round(r * f);
      raw[i + 1] = Math.round(g * f);
      raw[i + 2] = Math.round(b * f);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

/**
 * The placeholder photos, named `demo:<name>` in the plan. Photos must be the acting user's own uploads, so a step
 * that carries photos gets each one uploaded into that user's folder first (once per user and photo), as the app
 * would (`ownPhotos`).
 */
const PLACEHOLDERS: Record<string, [number, number, number]> = {
  'scene-1': [150, 110, 90], 'scene-2': [120, 120, 130], 'scene-3': [90, 120, 90], 'done-1': [110, 170, 120], 'done-2': [100, 150, 190],
};
function uploadPhotos(cloud: LocalCloud): { before: string[]; after: string[]; ownPhotos: (openid: string, photos: unknown) => unknown } {
  const bytes = new Map(Object.entries(PLACEHOLDERS).map(([name, rgb]) => [name, placeholderPng(160, 120, rgb)]));
  const uploaded = new Map<string, string>();
  const own = (openid: string, token: string) => {
    const name = token.replace(/^demo:/, '');
    const key = `${openid}|${name}`;
    let id = uploaded.get(key);
    if (!id) {
      id = cloud.putFile(`${uploadDirFor(openid)}/demo/${name}.png`, bytes.get(name)!, { contentType: 'image/png', owner: openid });
      uploaded.set(key, id);
    }
    return id;
  };
  return {
    before: ['demo:scene-1', 'demo:scene-2', 'demo:scene-3'],
    after: ['demo:done-1', 'demo:done-2'],
    ownPhotos: (openid, photos) => (Array.isArray(photos) ? photos.map((p) => (typeof p === 'string' && p.startsWith('demo:') ? own(openid, p) : p)) : photos),
  };
}

// ───────────────────────────── the plan: steps on one timeline ─────────────────────────────
interface Ctx {
  key: string;
  caseId?: string;
  state?: string;
  calls: Array<{ id: string; deptId: string }>;
  stopped: boolean;
  history?: string[];
}

interface Step {
  at: number;
  seq: number;
  ctx: Ctx;
  who: string;
  action: string;
  /** states the case must be in (skipped otherwise: an earlier step went another way) */
  inState?: string[];
  payload: (c: Ctx) => Record<string, unknown> | null;
  /** refusal codes that are part of the story (e.g. a far check-in, recorded and refused) */
  expect?: string[];
  then?: (data: any, c: Ctx) => void;
}

type Place = { point: { type: 'Point'; coordinates: [number, number] }; address: string };

const dev = (staffId: string) => `dev-${staffId}`;
const streetOf = (id: string) => STREETS.find((s) => s._id === id)!;
const categoryOf = (code: string) => CATEGORIES.find((c) => c.code === code)!;
const staffWhere = (f: (s: Staff) => boolean) => STAFF.filter(f);
const unitNameOf = (id: string) => DEPARTMENTS.find((d) => d._id === id)?.fullName ?? CITY_UNITS.find((u) => u._id === id)?.name ?? id;
const officerOf = (deptId: string) => STAFF.find((s) => s.deptId === deptId && s.post === 'officer' && s.roles.includes('dept'));

function stateOf(data: any): string | undefined {
  return data?.state ?? data?.case?.state;
}

export async function generateDemo(cloud: LocalCloud, opts: DemoOptions = {}): Promise<DemoReport> {
  const t0 = Date.now();
  const log = opts.log ?? (() => undefined);
  const rng = new Rng(mulberry32(opts.seed ?? 20261117));
  const days = opts.days ?? 30;
  const clock = opts.clock ?? Date.now;
  const endAt = opts.endAt ?? clock();
  const report: DemoReport = {
    cases: 0,
    byState: {},
    calls: 0,
    steps: { run: 0, ok: 0, expectedRefusals: 0, failed: 0, skippedMissing: 0, skippedState: 0 },
    missingActions: [],
    failures: [],
    stories: { fumes: [] },
    ms: 0,
    timing: {},
    timerRuns: 0,
  };
  const timerEvery = opts.timerEveryMs ?? 4 * HOUR;
  const runTimer = async (simAt: number) => {
    const base = Date.now();
    cloud.setNow(() => simAt + (Date.now() - base));
    // a server-side invocation (no OPENID), as the timer trigger does
    await cloud.callFunction('timer', { Type: 'Timer', TriggerName: 'demo' }, {}).catch(() => undefined);
    report.timerRuns++;
  };

  const api = async (openid: string, action: string, payload: unknown) =>
    (await cloud.callFunction('api', { action, payload }, { openid })) as { code: 0 | string; data?: any; message?: string };

  // Which actions exist now (others are being built concurrently): an unknown action answers UNKNOWN_ACTION.
  const USED = [
    'case.report', 'case.accept', 'case.assign', 'case.note', 'case.call', 'case.extend', 'case.flagHard', 'case.decideHard', 'case.return',
    'case.reroute', 'case.dispatch', 'case.resolve', 'case.verify', 'case.rate', 'case.closeInvalid', 'call.acknowledge', 'call.checkIn',
    'call.recordAction', 'call.rateDept', 'call.rateCall', 'admin.rules.save',
  ];
  const missing = new Set<string>();
  for (const a of USED) if ((await api('demo-probe', a, {})).code === 'UNKNOWN_ACTION') missing.add(a);
  report.missingActions = [...missing];
  if (missing.size) log(`  note: these actions do not exist yet and are skipped: ${[...missing].join(', ')}`);

  const photos = uploadPhotos(cloud);

  // Shanghai midnight of the day `d` days before endAt's day, plus hh:mm.
  const dayStart = Math.floor((endAt + 8 * HOUR) / DAY) * DAY - 8 * HOUR;
  const at = (d: number, hh: number, mm = 0) => dayStart - d * DAY + hh * HOUR + mm * MIN;

  const steps: Step[] = [];
  let seq = 0;
  const add = (ctx: Ctx, s: Omit<Step, 'seq' | 'ctx'>) => steps.push({ ...s, seq: seq++, ctx });
  const citizens = Array.from({ length: 70 }, (_, i) => `demo-citizen-${String(i + 1).padStart(3, '0')}`);

  function placeIn(comm: Community, spreadDeg = 0.0007): Place {
    const st = streetOf(comm.streetId);
    for (let i = 0; i < 10; i++) {
      const p: [number, number] = [+(comm.centre[0] + (rng.float() - 0.5) * 2 * spreadDeg).toFixed(6), +(comm.centre[1] + (rng.float() - 0.5) * 2 * spreadDeg).toFixed(6)];
      if (pointInPolygon(p, st.boundary)) return { point: { type: 'Point', coordinates: p }, address: `${st.name}${comm.name}${rng.pick(ROADS[st._id] ?? ['附近'])}${rng.int(1, 199)}号附近` };
    }
    return { point: { type: 'Point', coordinates: comm.centre }, address: `${st.name}${comm.name}附近` };
  }
  const near = (p: Place, metres: number): [number, number] => {
    const [lng, lat] = p.point.coordinates;
    const d = metres / 111_000;
    return [+(lng + (rng.float() - 0.5) * d).toFixed(6), +(lat + (rng.float() - 0.5) * d).toFixed(6)];
  };
  const handlersOf = (streetId: string) => staffWhere((s) => s.streetId === streetId && s.roles.includes('handler'));
  const workerOf = (communityId: string) => STAFF.find((s) => s.communityId === communityId && s.roles.includes('community'));
  const operator = () => dev(rng.pick(['staff-zhzx-operator-1', 'staff-zhzx-operator-2']));
  const ownerUnits = (cat: Category): string[] => {
    const xs = [...cat.ownerDeptIds];
    if (cat.cityUnitId) xs.unshift(cat.cityUnitId);
    return xs.filter((d) => officerOf(d));
  };

  // ── building blocks of a case's life ──
  function reportStep(ctx: Ctx, when: number, who: string, body: Record<string, unknown>) {
    add(ctx, {
      at: when,
      who,
      action: 'case.report',
      payload: () => ({ clientToken: `demo-${ctx.key}`, photos: [rng.pick(photos.before)], ...body }),
      then: (d, c) => {
        c.caseId = d.caseId;
        c.state = d.state;
        report.cases++;
      },
    });
  }
  const evt = (ctx: Ctx, when: number, who: string, action: string, inState: string[], payload: (c: Ctx) => Record<string, unknown> | null, extra: Partial<Step> = {}) =>
    add(ctx, { at: when, who, action, inState, payload: (c) => { const p = payload(c); return p && { caseId: c.caseId, ...p }; }, ...extra });

  interface CallPlan {
    deptIds: string[];
    at: number;
    meetAt: number;
    checkIn: 'onTime' | 'late' | 'far' | 'none' | 'ackOnly';
    rate: boolean;
    inaccurate?: boolean;
  }

  /** case.call and each department's acknowledge / check-in / record; ratings come after the resolve. */
  function callSteps(ctx: Ctx, handler: string, place: Place, cp: CallPlan, what: string, record: string) {
    evt(ctx, cp.at, handler, 'case.call', ['handling'], () => ({ deptIds: cp.deptIds, what, place, meetAt: cp.meetAt }), {
      then: (d, c) => {
        c.calls.push(...(d.calls as Array<{ id: string; deptId: string }>).map((x) => ({ id: x.id, deptId: x.deptId })));
        report.calls += d.calls.length;
      },
    });
    cp.deptIds.forEach((deptId, i) => {
      const officer = dev(officerOf(deptId)!._id);
      const callId = (c: Ctx) => c.calls.find((x) => x.deptId === deptId)?.id;
      const callStep = (when: number, action: string, payload: (c: Ctx) => Record<string, unknown>, extra: Partial<Step> = {}) =>
        add(ctx, { at: when, who: officer, action, payload: (c) => (callId(c) ? { callId: callId(c), ...payload(c) } : null), ...extra });
      if (cp.checkIn === 'none') return;
      callStep(cp.at + Math.min(rng.int(4, 25) * MIN, Math.floor((cp.meetAt - cp.at) / 3)) + i * MIN, 'call.acknowledge', () => ({}));
      if (cp.checkIn === 'ackOnly') return;
      const off = cp.checkIn === 'late' ? rng.int(22, 55) : rng.int(-12, 10);
      const checkInAt = cp.meetAt + off * MIN + i * 2 * MIN;
      if (cp.checkIn === 'far') {
        // first attempt ~900 m away, a few minutes earlier: recorded and refused
        const [lng, lat] = near(place, 60);
        callStep(checkInAt - rng.int(3, 8) * MIN, 'call.checkIn', () => ({ location: { type: 'Point', coordinates: [+(lng + 0.006).toFixed(6), +(lat + 0.006).toFixed(6)] } }), { expect: ['CHECKIN_FAR'] });
      }
      callStep(checkInAt, 'call.checkIn', () => ({ location: { type: 'Point', coordinates: near(place, 60) } }));
      callStep(checkInAt + rng.int(20, 70) * MIN, 'call.recordAction', () => ({ text: record, photos: [rng.pick(photos.after)] }));
    });
  }

  function rateCallsSteps(ctx: Ctx, handler: string, cp: CallPlan, when: number) {
    if (!cp.rate || cp.checkIn === 'none' || cp.checkIn === 'ackOnly') return;
    cp.deptIds.forEach((deptId, i) => {
      const callId = (c: Ctx) => c.calls.find((x) => x.deptId === deptId)?.id;
      const late = cp.checkIn === 'late';
      add(ctx, {
        at: when + i * MIN,
        who: handler,
        action: 'call.rateDept',
        payload: (c) => (callId(c) ? { callId: callId(c), level: late ? 'fair' : 'good', reasons: late ? ['late'] : rng.pick([['timely'], ['timely', 'effective'], ['cooperative', 'punctual']]) } : null),
      });
      add(ctx, {
        at: when + (30 + i) * MIN,
        who: dev(officerOf(deptId)!._id),
        action: 'call.rateCall',
        payload: (c) => (callId(c) ? (cp.inaccurate ? { callId: callId(c), level: 'inaccurate', reasons: ['notOurDuty'], note: '该事项属物业管理范围' } : { callId: callId(c), level: 'accurate', reasons: [] }) : null),
      });
    });
  }

  type Outcome = 'closed' | 'reopened' | 'resolved' | 'handlingCall' | 'handling' | 'accepted' | 'dispatched' | 'hard' | 'returned' | 'triage' | 'invalid' | 'grid' | 'duplicate';
  const WEIGHTS: Record<Outcome, number> = { closed: 52, reopened: 8, resolved: 10, handlingCall: 14, handling: 8, accepted: 4, dispatched: 5, hard: 10, returned: 7, triage: 6, invalid: 3, grid: 9, duplicate: 9 };
  /** how recent a case of this outcome is (days before the end) */
  const AGE: Record<Outcome, [number, number]> = { closed: [3, days], reopened: [4, days], resolved: [0.3, 3], handlingCall: [0.2, 6], handling: [0.1, 4], accepted: [0.05, 0.6], dispatched: [0, 0.12], hard: [1, 9], returned: [0.3, 8], triage: [0.5, days], invalid: [1, days], grid: [0.5, days], duplicate: [2, days] };
  const ROAD_CATS = CATEGORIES.filter((c) => !c.gridItem && !c.manualTriage).map((c) => c.code);
  const GRID_CATS = CATEGORIES.filter((c) => c.gridItem).map((c) => c.code);
  // Weighted toward what Gulou sees most
  const CAT_WEIGHT: Record<string, number> = { lamp: 6, road: 5, garbage: 7, ads: 4, vending: 5, fumes: 5, noise: 5, parking: 6, bikes: 4, drain: 4, waterlogging: 3, manhole: 3, greenery: 3 };

  interface Generic {
    ctx: Ctx;
    outcome: Outcome;
    cat: Category;
    comm: Community;
    place: Place;
    when: number;
    citizen: string;
  }
  const generics: Generic[] = [];
  const n = opts.cases ?? 150;
  for (let i = 0; i < n; i++) {
    const outcome = rng.weighted(WEIGHTS);
    let code: string;
    if (outcome === 'grid') code = rng.pick(GRID_CATS);
    else if (outcome === 'triage' || outcome === 'invalid') code = 'other';
    else {
      const w = Object.fromEntries(ROAD_CATS.map((c) => [c, CAT_WEIGHT[c] ?? 1.5])) as Record<string, number>;
      code = rng.weighted(w);
    }
    const comm = rng.pick(COMMUNITIES);
    const [lo, hi] = AGE[outcome];
    const ageDays = lo + rng.float() * (hi - lo);
    let when = Math.round(endAt - ageDays * DAY);
    // daytime/evening reports
    if (ageDays >= 1) {
      const [hh] = (() => {
        const w = Object.fromEntries(CIVIL_HOURS.map(([h, x]) => [String(h), x])) as Record<string, number>;
        return [Number(rng.weighted(w))];
      })();
      when = at(Math.floor(ageDays), hh, rng.int(0, 59));
    }
    generics.push({ ctx: { key: `g${i}`, calls: [], stopped: false }, outcome, cat: categoryOf(code), comm, place: placeIn(comm), when, citizen: rng.pick(citizens) });
  }

  for (const g of generics) {
    const { ctx, outcome, cat, comm, place, when, citizen } = g;
    const text = rng.pick(TEXTS[cat.code]).replace('{p}', place.address.replace(/附近$/, ''));
    const D = cat.deadlineMinutes * MIN;
    const handlers = handlersOf(comm.streetId);
    const h = dev(rng.pick(handlers)._id);
    const worker = workerOf(comm._id);
    const assignee = worker && rng.chance(0.4) ? worker : rng.pick(handlers);
    const w = dev(assignee._id);
    const late = rng.chance(0.12);
    const tAccept = when + (late ? rng.int(12, 45) : rng.int(2, 9)) * MIN;
    const tAssign = tAccept + rng.int(5, late ? 70 : 40) * MIN;

    if (outcome === 'duplicate') {
      // a second citizen reports the same problem near an open case of the same kind: linked, not lost
      const master = generics.find((m) => m !== g && m.outcome !== 'duplicate' && ['hard', 'handlingCall', 'closed', 'resolved'].includes(m.outcome) && m.cat.deadlineMinutes >= DAY / MIN && m.when < endAt - DAY);
      if (!master) continue;
      const dupPlace: Place = { point: { type: 'Point', coordinates: near(master.place, 40) }, address: master.place.address };
      reportStep(ctx, master.when + rng.int(40, 180) * MIN, citizen, { categoryCode: master.cat.code, description: rng.pick(TEXTS[master.cat.code]).replace('{p}', dupPlace.address.replace(/附近$/, '')), location: dupPlace });
      continue;
    }
    if (outcome === 'triage' || outcome === 'invalid') {
      reportStep(ctx, when, citizen, { categoryCode: 'other', description: text, communityId: comm._id });
      if (outcome === 'invalid') {
        evt(ctx, when + rng.int(20, 120) * MIN, operator(), 'case.closeInvalid', ['triage'], () => ({ reason: '经电话回访，反映人表示问题已自行解决，无需处置' }));
      } else if (rng.chance(0.7)) {
        const td = when + rng.int(10, 60) * MIN;
        evt(ctx, td, operator(), 'case.dispatch', ['triage'], () => ({ streetId: comm.streetId, communityId: comm._id, reason: `经核实位于${comm.name}，分派属地处置` }));
        evt(ctx, td + rng.int(3, 9) * MIN, h, 'case.accept', ['dispatched'], () => ({}));
        evt(ctx, td + rng.int(15, 50) * MIN, h, 'case.assign', ['accepted'], () => ({ staffId: assignee._id }));
        const tr = td + rng.int(4, 30) * HOUR;
        evt(ctx, tr, w, 'case.resolve', ['handling'], () => ({ result: RESULTS.other, photos: [rng.pick(photos.after)] }));
        evt(ctx, tr + rng.int(1, 5) * HOUR, operator(), 'case.verify', ['resolved'], () => ({ pass: true }));
        evt(ctx, tr + rng.int(6, 20) * HOUR, citizen, 'case.rate', ['closed'], () => ({ level: 'satisfied' }));
      }
      continue;
    }
    reportStep(ctx, when, citizen, { categoryCode: cat.code, description: text, location: place, ...(rng.chance(0.3) ? { communityId: comm._id } : {}), ...(rng.chance(0.25) ? { phone: `1390591${String(rng.int(0, 9999)).padStart(4, '0')}` } : {}) });
    if (outcome === 'grid' || outcome === 'dispatched') continue;
    evt(ctx, tAccept, h, 'case.accept', ['dispatched'], () => ({}));
    if (outcome === 'accepted') continue;
    if (outcome === 'returned') {
      const tRet = tAccept + rng.int(10, 60) * MIN;
      evt(ctx, tRet, h, 'case.return', ['accepted'], () => ({ reason: '经现场核实，该点位不在本街道辖区，请重新分派' }));
      if (rng.chance(0.5)) {
        const other = rng.pick(STREETS.filter((s) => s._id !== comm.streetId));
        evt(ctx, tRet + rng.int(10, 90) * MIN, operator(), 'case.reroute', ['returned'], () => ({ streetId: other._id, reason: `经核实权属，改派${other.name}` }));
        const oh = dev(handlersOf(other._id)[0]._id);
        evt(ctx, tRet + rng.int(95, 120) * MIN, oh, 'case.accept', ['dispatched'], () => ({}));
      }
      continue;
    }
    evt(ctx, tAssign, h, 'case.assign', ['accepted'], () => ({ staffId: assignee._id }));
    if (outcome === 'handling') continue;

    const units = ownerUnits(cat);
    const withCall = units.length > 0 && (outcome === 'handlingCall' || outcome === 'hard' || rng.chance(0.5));
    let cp: CallPlan | null = null;
    if (withCall) {
      const tCall = tAssign + Math.max(15 * MIN, Math.round(D * rng.float() * 0.15));
      const deptIds = units.length > 1 && rng.chance(0.35) ? units.slice(0, 2) : [units[0]];
      const checkIn: CallPlan['checkIn'] = outcome === 'handlingCall' ? rng.pick(['none', 'ackOnly', 'onTime', 'late', 'far'] as const) : rng.weighted({ onTime: 70, late: 18, far: 12 });
      cp = { deptIds, at: tCall, meetAt: tCall + Math.max(30 * MIN, Math.min(3 * HOUR, Math.round(D * 0.12))), checkIn, rate: true, inaccurate: rng.chance(0.08) };
      callSteps(ctx, w, place, cp, `${cat.name}：请派员到场核实处置`, `已到场，${RESULTS[cat.code] ?? '已处置'}`);
    }
    if (outcome === 'handlingCall') continue;
    if (outcome === 'hard') {
      const tHard = tAssign + rng.int(1, 6) * HOUR;
      // the timer may have flagged it already (overdue / several departments): ALREADY_HARD is fine
      evt(ctx, tHard, w, 'case.flagHard', ['handling'], () => ({ reason: rng.pick(['涉及多个部门，权属不清，需领导协调', '多次处置后反复出现，需明确责任单位', '需跨部门联合执法']) }), { expect: ['ALREADY_HARD'] });
      if (units.length && rng.chance(0.5)) {
        const tDecide = tHard + rng.int(2, 20) * HOUR;
        const duty = onDutyLeaders(ROTA, comm.streetId, tDecide).staffIds;
        const leader = duty[duty.length - 1];
        const dept = units[0];
        evt(ctx, tDecide, dev(leader), 'case.decideHard', ['handling'], () => ({ deptId: dept, personId: officerOf(dept)!._id, deadline: tDecide + 3 * DAY, note: `由${unitNameOf(dept)}牵头，三日内办结，街道配合` }));
      }
      continue;
    }
    // resolve within the deadline mostly; some late (the timer marks them overdue)
    const afterCalls = cp ? cp.meetAt + 2 * HOUR : tAssign + 20 * MIN;
    const tResolve = Math.max(afterCalls, tAssign + Math.round(D * (rng.chance(0.1) ? 1.1 + rng.float() * 0.4 : 0.3 + rng.float() * 0.5)));
    evt(ctx, tResolve, w, 'case.resolve', ['handling'], () => ({ result: RESULTS[cat.code] ?? '已处置完毕', photos: [rng.pick(photos.after)] }));
    if (cp) rateCallsSteps(ctx, w, cp, tResolve + rng.int(5, 30) * MIN);
    if (outcome === 'resolved') continue;
    const tVerify = tResolve + rng.int(1, 6) * HOUR;
    const verifyFails = rng.chance(0.06);
    evt(ctx, tVerify, operator(), 'case.verify', ['resolved'], () => (verifyFails ? { pass: false, note: '现场复核问题仍存在，请继续处置' } : { pass: true }));
    let tRate = tVerify + rng.int(2, 20) * HOUR;
    if (verifyFails) {
      const tr2 = tVerify + rng.int(4, 24) * HOUR;
      evt(ctx, tr2, w, 'case.resolve', ['handling'], () => ({ result: `${RESULTS[cat.code] ?? '已处置'}（返工后复查合格）`, photos: [rng.pick(photos.after)] }));
      evt(ctx, tr2 + 2 * HOUR, operator(), 'case.verify', ['resolved'], () => ({ pass: true }));
      tRate = tr2 + rng.int(4, 20) * HOUR;
    }
    if (outcome === 'reopened') {
      evt(ctx, tRate, citizen, 'case.rate', ['closed'], () => ({ level: 'dissatisfied', reason: rng.pick(['问题没有彻底解决，过两天又出现了', '处理敷衍，现场还是老样子', '只是临时处理，没有根治']) }));
      if (rng.chance(0.6)) {
        const tr3 = tRate + rng.int(6, 30) * HOUR;
        evt(ctx, tr3, w, 'case.resolve', ['handling'], () => ({ result: `返工处置：${RESULTS[cat.code] ?? '已彻底处置'}`, photos: [rng.pick(photos.after)] }));
        evt(ctx, tr3 + rng.int(1, 4) * HOUR, operator(), 'case.verify', ['resolved'], () => ({ pass: true }));
        evt(ctx, tr3 + rng.int(6, 20) * HOUR, citizen, 'case.rate', ['closed'], () => ({ level: 'basic' }));
      }
    } else {
      const level = rng.weighted({ satisfied: 72, basic: 20, dissatisfied: 0, none: 8 });
      if (level !== 'none') evt(ctx, tRate, citizen, 'case.rate', ['closed'], () => ({ level }));
    }
  }

  // ───────────── story: 秘书横巷14号 roof drain, 温泉街道金汤社区, closed in 5 days ─────────────
  {
    const ctx: Ctx = { key: 'story-mishu', calls: [], stopped: false };
    const jintang = COMMUNITIES.find((c) => c._id === 'comm-jintang')!;
    const place: Place = { point: { type: 'Point', coordinates: [jintang.centre[0] + 0.0003, jintang.centre[1] + 0.0002] }, address: '温泉街道金汤社区秘书横巷14号' };
    const s = at(12, 9, 20);
    const h = dev('staff-wenquan-handler-1');
    const wk = dev('staff-jintang-worker-1');
    reportStep(ctx, s, 'demo-citizen-mishu14', { categoryCode: 'drain', communityId: 'comm-jintang', description: '秘书横巷14号楼顶排水管破了，一下雨水就顺着外墙往楼道里灌，住户家里墙面都泡了', location: place, phone: '13905910014' });
    evt(ctx, s + 6 * MIN, h, 'case.accept', ['dispatched'], () => ({}));
    evt(ctx, s + 25 * MIN, h, 'case.assign', ['accepted'], () => ({ staffId: 'staff-jintang-worker-1' }));
    const cp: CallPlan = { deptIds: ['dept-gafj'], at: s + 2 * HOUR, meetAt: at(11, 10, 0), checkIn: 'onTime', rate: true };
    callSteps(ctx, wk, place, cp, '秘书横巷14号楼顶排水管破损，需社区民警协助联系业主、协调维修', '社区民警到场协助联系业主，业委会同意出资维修');
    evt(ctx, at(10, 16, 30), wk, 'case.note', ['handling'], () => ({ text: '已召集14号楼业主协商，确定由维修资金出资更换楼顶排水管', photos: [] }));
    evt(ctx, at(8, 16, 0), wk, 'case.resolve', ['handling'], () => ({ result: '楼顶排水管已更换，经降雨检验不再渗漏，楼道墙面已清理', photos: [photos.after[0]] }));
    rateCallsSteps(ctx, wk, cp, at(8, 16, 20));
    evt(ctx, at(8, 18, 0), operator(), 'case.verify', ['resolved'], () => ({ pass: true, note: '现场复核，排水正常' }));
    evt(ctx, at(7, 9, 0), 'demo-citizen-mishu14', 'case.rate', ['closed'], () => ({ level: 'satisfied' }));
    generics.push({ ctx, outcome: 'closed', cat: categoryOf('drain'), comm: jintang, place, when: s, citizen: '' });
  }

  // ───────────── story: 左海公园北门 lamps — hard case, the rota decides, lit 13 days later ─────────────
  {
    const ctx: Ctx = { key: 'story-zuohai', calls: [], stopped: false };
    const place: Place = { point: { type: 'Point', coordinates: [119.283, 26.104] }, address: '左海公园北门至左海家具城路段' };
    const s = at(14, 8, 40);
    const mao = dev('staff-maoxiaojia');
    reportStep(ctx, s, 'demo-citizen-zuohai', { categoryCode: 'lamp', description: '左海公园北门到左海家具城路段一直没有路灯，向12345反映过多次，涉及6个单位都说不归自己管，晚上老人小孩容易摔倒', location: place });
    evt(ctx, s + 4 * MIN, mao, 'case.accept', ['dispatched'], () => ({}));
    evt(ctx, s + 10 * MIN, mao, 'case.assign', ['accepted'], () => ({ staffId: 'staff-maoxiaojia' }));
    evt(ctx, s + 15 * MIN, mao, 'case.flagHard', ['handling'], () => ({ reason: '12345转办疑难件：该路段涉及6个单位，权属不清，反映一个多月未解决' }));
    const cp: CallPlan = { deptIds: ['dept-cgj-szs'], at: s + 30 * MIN, meetAt: at(13, 9, 30), checkIn: 'onTime', rate: true };
    callSteps(ctx, mao, place, cp, '左海公园北门路段无路灯，请市政所到场核实权属并制定安装方案（街道工作人员同时到场）', '市政所到场勘察：该路段照明设施缺失，需新装路灯6盏');
    evt(ctx, at(13, 15, 0), mao, 'case.extend', ['handling'], () => ({ reason: '需新装路灯杆6根，涉及采购和管线敷设，申请延期', newDeadline: at(0, 18, 0) - DAY }));
    const decideAt = at(12, 10, 0);
    const duty = onDutyLeaders(ROTA, 'street-wufeng', decideAt).staffIds;
    evt(ctx, decideAt, dev(duty[0]), 'case.decideHard', ['handling'], () => ({ deptId: 'dept-cgj-szs', personId: 'staff-cgj-szs-officer', deadline: at(1, 18, 0), note: '由区城管局市政所负责新装路灯，五凤街道配合协调，月底前亮灯' }));
    evt(ctx, at(7, 11, 0), mao, 'case.note', ['handling'], () => ({ text: '路灯杆基础已浇筑完成，等待立杆接电', photos: [photos.before[1]] }));
    evt(ctx, at(1, 19, 30), mao, 'case.resolve', ['handling'], () => ({ result: '6盏路灯已安装并通电，夜间照明正常', photos: [photos.after[1]] }));
    rateCallsSteps(ctx, mao, cp, at(1, 19, 50));
    evt(ctx, at(1, 20, 30), operator(), 'case.verify', ['resolved'], () => ({ pass: true, note: '夜间现场复核，路灯全部亮起' }));
    evt(ctx, at(1, 21, 40), 'demo-citizen-zuohai', 'case.rate', ['closed'], () => ({ level: 'satisfied', reason: '终于亮灯了，谢谢' }));
    generics.push({ ctx, outcome: 'closed', cat: categoryOf('lamp'), comm: COMMUNITIES.find((c) => c._id === 'comm-zuohai')!, place, when: s, citizen: '' });
  }

  // ───────────── story: 五凤山庄 barbecue fumes, repeated → a standing rule → later reports routed by it ─────────────
  const fumesCtxs: Ctx[] = [];
  {
    const base: [number, number] = [119.2835, 26.1075];
    const wf = dev('staff-wufeng-handler-2');
    [27, 22, 18, 14, 10, 6].forEach((d, i) => {
      const ctx: Ctx = { key: `story-fumes-${i}`, calls: [], stopped: false };
      fumesCtxs.push(ctx);
      const place: Place = { point: { type: 'Point', coordinates: [+(base[0] + (i % 3) * 0.0002).toFixed(6), +(base[1] + (i % 2) * 0.0002).toFixed(6)] }, address: '五凤街道五凤山庄' };
      const s = at(d, 20, 10 + i * 3);
      const who = `demo-citizen-wufengshanzhuang-${(i % 3) + 1}`;
      reportStep(ctx, s, who, { categoryCode: 'fumes', description: ['五凤山庄楼下烧烤店油烟太大，熏得窗户都不敢开', '五凤山庄门口烧烤摊又在冒烟了，整栋楼都是味', '五凤山庄烧烤油烟问题反复投诉，还是没人管'][i % 3], location: place });
      evt(ctx, s + 5 * MIN, wf, 'case.accept', ['dispatched'], () => ({}));
      evt(ctx, s + 12 * MIN, wf, 'case.assign', ['accepted'], () => ({ staffId: 'staff-wufeng-handler-2' }));
      const cp: CallPlan = { deptIds: ['dept-sthjj', 'dept-cgj-zfdd'], at: s + 30 * MIN, meetAt: at(d - 1, 10, 0), checkIn: i === 2 ? 'late' : 'onTime', rate: true };
      callSteps(ctx, wf, place, cp, '五凤山庄烧烤店油烟扰民，请环保、城管执法到场', '到场检查，责令店家清洗油烟净化器并规范经营时间');
      evt(ctx, at(d - 1, 15, 0), wf, 'case.resolve', ['handling'], () => ({ result: '店家已清洗油烟净化设施，承诺晚上不在室外烧烤', photos: [photos.after[0]] }));
      rateCallsSteps(ctx, wf, cp, at(d - 1, 15, 20));
      evt(ctx, at(d - 1, 17, 0), operator(), 'case.verify', ['resolved'], () => ({ pass: true }));
      evt(ctx, at(d - 2, 10, 0), who, 'case.rate', ['closed'], () => (i === 3 ? { level: 'dissatisfied', reason: '油烟问题反复出现，治标不治本' } : { level: 'basic' }));
      if (i === 3) {
        evt(ctx, at(d - 3, 11, 0), wf, 'case.resolve', ['handling'], () => ({ result: '督促店家加装高效油烟净化器并移入室内经营', photos: [photos.after[1]] }));
        evt(ctx, at(d - 3, 16, 0), operator(), 'case.verify', ['resolved'], () => ({ pass: true }));
      }
    });
    // the weekly analysis finds the pattern; the administrator adopts a standing rule (长效机制)
    const ruleCtx: Ctx = { key: 'story-fumes-rule', calls: [], stopped: false };
    add(ruleCtx, {
      at: at(4, 16, 0),
      who: dev('staff-admin'),
      action: 'admin.rules.save',
      payload: () => ({
        title: '五凤山庄餐饮油烟长效机制',
        categoryCode: 'fumes',
        area: { streetId: 'street-wufeng' },
        assignments: [
          { deptId: 'dept-scjgj', phase: 'before', duty: '业主承诺' },
          { deptId: 'dept-sthjj', phase: 'during', duty: '环保监督' },
          { deptId: 'dept-cgj-zfdd', phase: 'after', duty: '城管处置处罚' },
        ],
        source: '周分析：五凤山庄餐饮油烟一个月内重复投诉6次',
      }),
      then: (d) => {
        report.stories.fumesRule = d._id;
      },
    });
    [3, 1].forEach((d, j) => {
      const ctx: Ctx = { key: `story-fumes-after-${j}`, calls: [], stopped: false };
      fumesCtxs.push(ctx);
      const place: Place = { point: { type: 'Point', coordinates: [+(base[0] - 0.0006 * (j + 1)).toFixed(6), +(base[1] + 0.0008).toFixed(6)] }, address: '五凤街道五凤山庄北侧' };
      reportStep(ctx, at(d, 20, 40), `demo-citizen-wufengshanzhuang-${j + 4}`, { categoryCode: 'fumes', description: '五凤山庄北侧夜宵店烧烤油烟又飘进小区了', location: place });
      evt(ctx, at(d, 20, 46), wf, 'case.accept', ['dispatched'], () => ({}));
    });
  }

  // ───────────── run the timeline ─────────────
  steps.sort((a, b) => a.at - b.at || a.seq - b.seq);
  const runnable = steps.filter((s) => s.at <= endAt - MIN);
  log(`  ${runnable.length} steps for ${new Set(runnable.map((s) => s.ctx.key)).size} cases over ${days} days`);
  let lastPrint = Date.now();
  const failuresShown = new Set<string>();
  let lastTimer = runnable[0]?.at ?? endAt;
  try {
    for (const [i, s] of runnable.entries()) {
      const c = s.ctx;
      if (timerEvery > 0 && s.at - lastTimer >= timerEvery) {
        lastTimer = s.at - ((s.at - lastTimer) % timerEvery);
        await runTimer(lastTimer);
      }
      if (c.stopped) continue;
      if (missing.has(s.action)) {
        report.steps.skippedMissing++;
        continue;
      }
      if (s.action !== 'case.report' && s.action !== 'admin.rules.save' && !c.caseId) continue;
      if (s.inState && !s.inState.includes(c.state ?? '')) {
        report.steps.skippedState++;
        continue;
      }
      const payload = s.payload(c);
      if (!payload) {
        report.steps.skippedState++;
        continue;
      }
      const base = Date.now();
      cloud.setNow(() => s.at + (Date.now() - base));
      report.steps.run++;
      if ('photos' in payload) payload.photos = photos.ownPhotos(s.who, payload.photos);
      const res = await api(s.who, s.action, payload);
      (c.history ??= []).push(`${s.action}@${new Date(s.at + 8 * HOUR).toISOString().slice(5, 16)}=${res.code}${s.action === 'call.checkIn' ? JSON.stringify(payload) : ''}`);
      const tm = (report.timing[s.action] ??= { n: 0, ms: 0 });
      tm.n++;
      tm.ms += Date.now() - base;
      if (res.code === 0) {
        report.steps.ok++;
        const st = stateOf(res.data);
        if (st && !s.action.startsWith('call.')) c.state = st;
        s.then?.(res.data, c);
      } else if (s.expect?.includes(String(res.code))) {
        report.steps.expectedRefusals++;
      } else {
        report.steps.failed++;
        c.stopped = true;
        const msg = `${s.action} (${c.key}): ${res.code} ${res.message ?? ''}${process.env.DEMO_DEBUG ? ` after ${c.history?.join(' → ')}` : ''}`;
        if (report.failures.length < 20) report.failures.push(msg);
        if (failuresShown.size < 5 && !failuresShown.has(String(res.code))) {
          failuresShown.add(String(res.code));
          log(`  ! ${msg}`);
        }
      }
      if (Date.now() - lastPrint > 2000) {
        lastPrint = Date.now();
        log(`  … ${i + 1}/${runnable.length} steps, ${report.cases} cases, simulated ${new Date(s.at + 8 * HOUR).toISOString().slice(0, 16).replace('T', ' ')}`);
      }
    }
    // the timer catches up to the present (overdue flags, reminders)
    if (timerEvery > 0) await runTimer(endAt);
  } finally {
    cloud.setNow(clock);
  }

  for (const c of new Set(steps.map((s) => s.ctx))) if (c.caseId && c.state) report.byState[c.state] = (report.byState[c.state] ?? 0) + 1;
  for (const c of fumesCtxs) if (c.caseId) report.stories.fumes.push(c.caseId);
  report.stories.roofDrain = generics.find((g) => g.ctx.key === 'story-mishu')?.ctx.caseId;
  report.stories.zuohaiLamps = generics.find((g) => g.ctx.key === 'story-zuohai')?.ctx.caseId;
  report.ms = Date.now() - t0;
  return report;
}
