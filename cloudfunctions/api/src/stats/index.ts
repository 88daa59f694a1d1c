/**
 * Analysis actions (subpackage lead; roles leader / command / admin): indicators, breakdowns, trends, hot spots,
 * drill-down, recurring problems and standing-rule adoption, assessment rankings, CSV export.
 * Every figure is read from the roll-up's daily summaries (see cloudfunctions/common/rollup.ts): a month for
 * the district is one summaries request whatever the number of cases.
 */
import { afterDesc, encodeCursor } from '@domain/common/page-cursor';
import { randomBytes } from 'node:crypto';
import type { StandingRule } from '@domain/org/org-types';
import type { AssessmentRecord } from '@domain/assessment/assessment-types';
import { POST_LABELS } from '@domain/assessment/assessment-types';
import { DEFAULT_FORMULA } from '@domain/assessment/assessment-formula';
import { rollUp } from '@domain/assessment/assessment-rollup';
import { monthKey } from '@domain/common/business-time';
import {
  cellCentre, daysBetween, dailySeries, findPatterns, formatRate, indicators, kpiTargets, previousPeriod, proposeRule, repeatComplaints, sumByKey, sumKey, toCsv,
  type CsvCell, type DayCounters, type Pattern,
} from '@domain/stats';
import { implement, type ActionDef } from '../../../common/actions';
import { contract } from '@domain/contract';
import { BY } from '@domain/contract/inputs';
import { getOrg, unitName, type Org } from '../../../common/org';
import { freshOrg, writeAudited } from '../admin/common';
import { assertRoutingAuthority, effectiveFrom, overlapWrites, ruleAsWritten } from '../admin/rules';
import { findBare } from '../../../common/repos/org';
import { database, sdk } from '../../../common/sdk';
import { setting } from '../../../common/repos/settings';
import { caseSummary } from '../../../common/views';
import { AppError, Errors } from '../../../common/errors';
import { actorOf } from '../../../common/identity';
import { canSeeCase, maySeeStreet } from '@domain/access';
import { lastRolledDay, overdueByPlace, period, placeDays, placeRows, scopeDays, scopeKey, today, type ScopeInput, type Today } from './read';
import { casesByIds, drillCaseIds } from './drill';
import { assessmentRecordsOf, scoreItems } from '../../../common/rollup';
import { monthScores } from '../../../common/repos/summaries';

type By = (typeof BY)[number];

function nameOf(org: Org, by: By | 'all', key: string): string {
  switch (by) {
    case 'street':
      return org.byId.street.get(key)?.name ?? key;
    case 'dept':
      return unitName(org, key) ?? key;
    case 'category':
      return org.byId.category.get(key)?.name ?? key;
    case 'community':
      return org.byId.community.get(key)?.name ?? key;
    default:
      return '鼓楼区';
  }
}

function scopeName(org: Org, s: ScopeInput | undefined): string {
  const k = scopeKey(s);
  return k.scope === 'all' ? '鼓楼区' : nameOf(org, k.scope, k.key);
}

/** Indicators plus the volume, in the shape every view uses: a joined case is one report with N reporters (报告人次). */
function figures(c: DayCounters) {
  return { counters: c, indicators: indicators(c), reported: c.reported, reporters: c.reported + c.coReporters, withdrawn: c.withdrawn };
}

/** Today's figures of one scope key, marked with the moment they were computed ("截至 HH:mm"). */
function todayOf(t: Today, scope: ReturnType<typeof scopeKey>['scope'], key: string) {
  return { day: t.day, at: t.at, truncated: t.truncated, ...figures(sumKey([{ day: t.day, rows: t.summaries.scopes[scope] }], key)) };
}

export const statsIndicators = implement(contract['stats.indicators'], {
  async handler(input, { clock }) {
    const now = clock.now();
    const p = period(input, now);
    const prev = previousPeriod(p);
    const { scope, key } = scopeKey(input.scope);
    const [docs, prevDocs, asOfDay, live, settings] = await Promise.all([
      scopeDays(scope, p.from, p.to, key),
      scopeDays(scope, prev.from, prev.to, key),
      lastRolledDay(),
      today(now),
      setting<{ targets?: unknown }>('kpi.targets'),
    ]);
    return {
      period: p,
      scope: input.scope ?? {},
      asOfDay,
      days: docs.length,
      ...figures(sumKey(docs, key)),
      previous: { period: prev, days: prevDocs.length, ...figures(sumKey(prevDocs, key)) },
      today: todayOf(live, scope, key),
      targets: kpiTargets(settings),
    };
  },
});

export const statsBreakdown = implement(contract['stats.breakdown'], {
  async handler(input, { clock }) {
    const now = clock.now();
    const p = period(input, now);
    const [docs, org, asOfDay, live] = await Promise.all([scopeDays(input.by, p.from, p.to), getOrg(), lastRolledDay(), today(now)]);
    const todayRows = live.summaries.scopes[input.by];
    const keys = new Set([...sumByKey(docs).keys(), ...Object.keys(todayRows)]);
    const sums = sumByKey(docs);
    const rows = [...keys]
      .map((key) => ({ key, name: nameOf(org, input.by, key), ...figures(sums.get(key) ?? sumKey([], key)), todayReported: todayRows[key]?.reported ?? 0 }))
      .sort((a, b) => b.reported - a.reported || b.counters.dueToHandle - a.counters.dueToHandle || b.todayReported - a.todayReported || (a.name < b.name ? -1 : 1));
    return { period: p, by: input.by, asOfDay, today: { day: live.day, at: live.at, truncated: live.truncated }, rows };
  },
});

export const statsTrend = implement(contract['stats.trend'], {
  async handler(input, { clock }) {
    const now = clock.now();
    const p = period(input, now);
    const { scope, key } = scopeKey(input.scope);
    const [docs, live] = await Promise.all([scopeDays(scope, p.from, p.to, key), today(now)]);
    const point = (d: { day: string } & ReturnType<typeof sumKey>) => {
      const ind = indicators(d);
      return { day: d.day, reported: d.reported, closed: d.closed, dueToClose: d.dueToClose, overdueOpen: d.overdueOpen, closeRate: ind.closeRate, onTimeHandleRate: ind.onTimeHandleRate, satisfactionRate: ind.satisfactionRate };
    };
    const series = dailySeries(daysBetween(p.from, p.to), docs, key).map(point);
    const t = todayOf(live, scope, key);
    return { period: p, scope: input.scope ?? {}, series, today: { ...point({ day: t.day, ...t.counters, reported: t.reported }), at: t.at, truncated: t.truncated } };
  },
});

export const statsHotspots = implement(contract['stats.hotspots'], {
  async handler(input, { clock }) {
    const now = clock.now();
    const p = period(input, now);
    const [entries, org, overdue] = await Promise.all([placeDays(p.from, p.to), getOrg(), overdueByPlace(p.from, p.to, now)]);
    const cells = new Map<string, { cell: string; categoryCode: string; count: number; streetId?: string }>();
    for (const e of entries) {
      if (input.categoryCode && e.categoryCode !== input.categoryCode) continue;
      const k = `${e.categoryCode}|${e.cell}`;
      const c = cells.get(k) ?? { cell: e.cell, categoryCode: e.categoryCode, count: 0, ...(e.streetId ? { streetId: e.streetId } : {}) };
      c.count += e.count;
      cells.set(k, c);
    }
    const repeat = new Set(repeatComplaints([...cells.values()], 5).map((r) => `${r.categoryCode}|${r.cell}`));
    const list = [...cells.values()]
      .sort((a, b) => b.count - a.count || (a.cell < b.cell ? -1 : 1))
      .slice(0, input.limit ?? 200)
      .map((c) => ({
        ...c,
        centre: cellCentre(c.cell),
        categoryName: org.byId.category.get(c.categoryCode)?.name ?? c.categoryCode,
        streetName: c.streetId ? org.byId.street.get(c.streetId)?.name : undefined,
        repeat: repeat.has(`${c.categoryCode}|${c.cell}`),
        overdue: overdue.get(`${c.categoryCode}|${c.cell}`) ?? 0,
      }));
    return { period: p, cells: list, streets: org.streets.map((s) => ({ _id: s._id, name: s.name, centre: s.centre })) };
  },
});

export const statsDrill = implement(contract['stats.drill'], {
  async handler(input, { caller, clock }) {
    const now = clock.now();
    const p = period(input, now);
    const org = await getOrg();
    // A drill-down into one street (or one of its communities) is refused to those who may not see that street's
    // cases; a wider scope (the district, a department, a category) lists only the cases the caller may see.
    const viewer = actorOf(caller, org, now);
    const askedStreet = input.scope?.streetId ?? (input.scope?.communityId ? org.byId.community.get(input.scope.communityId)?.streetId : undefined);
    if (askedStreet && !maySeeStreet(viewer, askedStreet)) throw Errors.forbidden('您只能查看本街镇事项的明细');
    const { ids, keys, truncated } = await drillCaseIds({ from: p.from, to: p.to, metric: input.metric, scope: input.scope, place: input.place, viewer }, now);
    // keyset on (time, id) over the ordered list: a case entering the number between two pages shifts nothing
    const c = input.cursor;
    const start = c ? ids.findIndex((id) => afterDesc({ t: keys.get(id)!, id }, c)) : 0;
    const rest = start < 0 ? [] : ids.slice(start);
    const slice = rest.slice(0, 50);
    const page = (await casesByIds(slice)).filter((k) => canSeeCase(k, viewer));
    return {
      period: p,
      metric: input.metric,
      scopeName: scopeName(org, input.scope),
      total: ids.length,
      truncated,
      items: page.map((c) => caseSummary(c, org, now)),
      nextCursor: rest.length > 50 ? encodeCursor({ t: keys.get(slice[49])!, id: slice[49] }) : null,
    };
  },
});

async function patternsOf(input: { period: 'day' | 'week' | 'month' | 'halfYear' | 'custom'; from?: string; to?: string; categoryCode?: string; minReports?: number }, now: number) {
  const p = period(input, now);
  const [entries, org] = await Promise.all([placeRows(p.from, p.to), getOrg()]);
  const found = findPatterns(entries, { categoryCode: input.categoryCode, minReports: input.minReports });
  const adopted = new Map(org.rules.filter((r) => r.source?.startsWith('analysis:')).map((r) => [r.source!.slice('analysis:'.length), r]));
  const items = found.map((pt: Pattern) => {
    const cat = org.byId.category.get(pt.categoryCode);
    const community = pt.communityId ? org.byId.community.get(pt.communityId)?.name : undefined;
    const street = pt.streetId ? org.byId.street.get(pt.streetId)?.name : undefined;
    const proposal = pt.needsRule ? proposeRule(pt, { categoryName: cat?.name ?? pt.categoryCode, areaName: community ?? street, ownerDeptIds: cat?.ownerDeptIds }) : undefined;
    return {
      ...pt,
      categoryName: cat?.name ?? pt.categoryCode,
      streetName: street,
      communityName: community,
      depts: pt.depts.map((d) => ({ ...d, name: unitName(org, d.deptId) ?? d.deptId })),
      proposal: proposal && { ...proposal, assignments: proposal.assignments.map((a) => ({ ...a, deptName: unitName(org, a.deptId) ?? a.deptId })) },
      adoptedRuleId: adopted.get(pt.id)?._id,
    };
  });
  return { period: p, patterns: items };
}

export const statsPatterns = implement(contract['stats.patterns'], {
  async handler(input, { clock }) {
    return patternsOf(input, clock.now());
  },
});

export const statsAdoptRule = implement(contract['stats.adoptRule'], {
  async handler(input, { caller, clock }) {
    const org = await freshOrg();
    const r = input.rule;
    if (!org.byId.category.has(r.categoryCode)) throw new AppError('INVALID_INPUT', `问题类型不存在：${r.categoryCode}`);
    for (const a of r.assignments) if (!org.byId.dept.has(a.deptId) && !org.byId.cityUnit.has(a.deptId)) throw new AppError('INVALID_INPUT', `责任部门不存在：${a.deptId}`);
    if (r.area?.streetId && !org.byId.street.has(r.area.streetId)) throw new AppError('INVALID_INPUT', `街镇不存在：${r.area.streetId}`);
    if (r.area?.communityId && !org.byId.community.has(r.area.communityId)) throw new AppError('INVALID_INPUT', `社区不存在：${r.area.communityId}`);
    const now = clock.now();
    // adopting the same pattern again updates its rule (one rule per pattern)
    const ruleId = input.patternId ? `rule-pat-${input.patternId.slice(4).replace(/[^A-Za-z0-9_-]/g, '_')}` : `rule-${r.categoryCode}-${now.toString(36)}`;
    const before = await findBare<StandingRule>('standingRules', ruleId);
    const area = r.area && (r.area.streetId || r.area.communityId || r.area.polygon) ? { ...r.area } : undefined;
    if (area?.communityId) area.streetId ??= org.byId.community.get(area.communityId)!.streetId;
    if (area?.communityId && area.streetId !== org.byId.community.get(area.communityId)!.streetId) throw new AppError('INVALID_INPUT', '社区不属于所选街镇');
    const mode = assertRoutingAuthority(caller, org, now, before ? [before.area, area] : [area]);
    let rule: StandingRule = {
      _id: ruleId,
      title: r.title,
      categoryCode: r.categoryCode,
      assignments: r.assignments.map((a) => ({ deptId: a.deptId, phase: a.phase, duty: a.duty })),
      active: true,
      adoptedBy: caller.staff?._id ?? caller.openid,
      adoptedAt: before?.adoptedAt ?? now,
      source: input.patternId ? `analysis:${input.patternId}` : 'analysis',
      from: effectiveFrom(r.from, now),
    };
    if (area) rule.area = area;
    if (before?.proposal) rule.proposal = before.proposal;
    // a leader on the rota proposes (saved inactive, 待采纳); the command centre or an administrator adopts
    rule = ruleAsWritten(rule, before, mode, caller, now);
    // at most one rule in force per category and place: an overlap is refused unless the caller chose to replace
    const ends = overlapWrites(rule, org, now, input.onOverlap);
    const { _id, ...doc } = rule;
    const replaced = ends.length ? `，替换${ends.map((w) => `「${(w.before as StandingRule | undefined)?.title ?? w.id}」`).join('、')}` : '';
    // the same audited write as the administrators' rules (adminLog line in the same transaction; org cache dropped)
    await writeAudited(caller, 'stats.adoptRule', `${mode === 'propose' ? '提出长效机制建议' : '采纳长效机制'}：${rule.title ?? rule.categoryCode}${replaced}`, [{ coll: 'standingRules', id: _id, after: { ...doc, updatedAt: now, adoptedByName: caller.staff?.name }, before }, ...ends], now);
    return { ...rule, replaced: ends.map((w) => w.id) };
  },
});

async function formulaBase(): Promise<{ base: number; floor: number }> {
  const doc = await setting<{ base?: number; floor?: number }>('assessment.formula');
  return { base: doc?.base ?? DEFAULT_FORMULA.base, floor: doc?.floor ?? DEFAULT_FORMULA.floor };
}

type ScoreBase = { subjectKey: string; subject: AssessmentRecord['subject']; records: number; calls: number; points: number };
type Items = Record<string, Record<string, { label: string; n: number; points: number }>>;

async function liveMonth(month: string): Promise<{ rows: ScoreBase[]; items: Items }> {
  const recs = await assessmentRecordsOf(database(), month);
  return { rows: rollUp(recs, 'month'), items: scoreItems(recs) };
}

export const statsScores = implement(contract['stats.scores'], {
  async handler(input, { clock }) {
    if ((input.period === 'month') !== (input.key.length === 7)) throw new AppError('INVALID_INPUT', '考核周期与类型不一致');
    const current = monthKey(clock.now());
    const parts: Array<{ rows: ScoreBase[]; items: Items }> = [];
    const months = input.period === 'month' ? [input.key] : Array.from({ length: 12 }, (_x, i) => `${input.key}-${String(i + 1).padStart(2, '0')}`);
    const past = months.filter((m) => m < current);
    if (past.length) {
      const stored = await monthScores<{ periodKey: string; rows: ScoreBase[]; items?: Items }>(past);
      const have = new Set(stored.map((s) => s.periodKey));
      for (const s of stored) parts.push({ rows: s.rows, items: s.items ?? {} });
      for (const m of past) if (!have.has(m)) parts.push(await liveMonth(m)); // not rolled up yet
    }
    if (months.includes(current)) parts.push(await liveMonth(current));
    const [org, f] = await Promise.all([getOrg(), formulaBase()]);
    const acc = new Map<string, ScoreBase & { items: Record<string, { label: string; n: number; points: number }> }>();
    for (const part of parts) {
      for (const r of part.rows) {
        const a = acc.get(r.subjectKey) ?? { ...r, records: 0, calls: 0, points: 0, items: {} };
        a.records += r.records;
        a.calls += r.calls;
        a.points = Math.round((a.points + r.points) * 100) / 100;
        for (const [code, it] of Object.entries(part.items[r.subjectKey] ?? {})) {
          const e = (a.items[code] ??= { label: it.label, n: 0, points: 0 });
          e.n += it.n;
          e.points = Math.round((e.points + it.points) * 100) / 100;
        }
        acc.set(r.subjectKey, a);
      }
    }
    const wanted = (s: AssessmentRecord['subject']) =>
      input.kind === 'person' ? s.kind === 'person' : s.kind === 'unit' && s.unitKind === (input.kind === 'dept' ? 'dept' : 'street');
    const rows = [...acc.values()]
      .filter((r) => wanted(r.subject))
      .map((r) => {
        const s = r.subject;
        const accurate = r.items['accuracy.accurate']?.n ?? 0;
        const inaccurate = r.items['accuracy.inaccurate']?.n ?? 0;
        return {
          subjectKey: r.subjectKey,
          name: s.kind === 'person' ? s.name ?? org.byId.staff.get(s.staffId)?.name ?? s.staffId : nameOf(org, s.unitKind === 'dept' ? 'dept' : 'street', s.unitId),
          unitName: s.kind === 'person' ? unitName(org, s.unitId) : undefined,
          post: s.kind === 'person' ? POST_LABELS[s.post] : undefined,
          records: r.records,
          calls: r.calls,
          points: r.points,
          score: Math.max(f.floor, Math.round((f.base + r.points) * 100) / 100),
          accuracyRate: accurate + inaccurate > 0 ? accurate / (accurate + inaccurate) : null,
          items: Object.entries(r.items).map(([code, it]) => ({ code, ...it })).sort((a, b) => a.code.localeCompare(b.code)),
        };
      })
      .sort((a, b) => b.score - a.score || b.calls - a.calls || (a.subjectKey < b.subjectKey ? -1 : 1))
      .map((r, i) => ({ rank: i + 1, ...r }));
    return { period: input.period, key: input.key, kind: input.kind, formula: { ...f, text: `得分 = ${f.base} + Σ 每次呼叫记录得分（报到、评价、原因、逾期、返工，按岗位权重），最低 ${f.floor}` }, rows };
  },
});

const pct = (r: number | null) => formatRate(r);

/** How long an export's download URL lives (seconds). */
export const EXPORT_URL_MAX_AGE_SEC = 600;

export const statsExportCsv = implement(contract['stats.exportCsv'], {
  async handler(input, ctx) {
    const per = { period: input.period ?? 'month', from: input.from, to: input.to };
    let header: string[];
    let rows: CsvCell[][];
    let name: string;
    const IND = ['来件量', '应处置', '按期处置率', '超期待处置率', '延期率', '应结案', '结案率', '按期结案率', '返工率', '满意率', '10分钟响应率', '1小时分派率', '报到率', '呼叫准确率'];
    const indRow = (f: ReturnType<typeof figures>): CsvCell[] => [
      f.reported, f.counters.dueToHandle, pct(f.indicators.onTimeHandleRate), pct(f.indicators.overdueOpenRate), pct(f.indicators.extensionRate), f.counters.dueToClose,
      pct(f.indicators.closeRate), pct(f.indicators.onTimeCloseRate), pct(f.indicators.reworkRate), pct(f.indicators.satisfactionRate), pct(f.indicators.respondIn10Rate),
      pct(f.indicators.assignIn60Rate), pct(f.indicators.checkinRate), pct(f.indicators.callAccuracyRate),
    ];
    if (input.what === 'breakdown') {
      const res = await statsBreakdown.handler({ ...per, by: input.by ?? 'street' }, ctx);
      header = ['名称', ...IND];
      rows = res.rows.map((r) => [r.name, ...indRow(r)]);
      name = `分项统计-${res.period.from}-${res.period.to}`;
    } else if (input.what === 'trend') {
      const res = await statsTrend.handler(per, ctx);
      header = ['日期', '来件量', '应结案', '结案', '结案率', '按期处置率', '满意率'];
      rows = res.series.map((d) => [d.day, d.reported, d.dueToClose, d.closed, pct(d.closeRate), pct(d.onTimeHandleRate), pct(d.satisfactionRate)]);
      name = `趋势-${res.period.from}-${res.period.to}`;
    } else if (input.what === 'patterns') {
      const res = await patternsOf(per, ctx.clock.now());
      header = ['排名', '问题类型', '街镇', '社区', '来件量', '出现天数', '出现周数', '涉及部门', '首次', '最近', '建议建立长效机制'];
      rows = res.patterns.map((p, i) => [i + 1, p.categoryName, p.streetName ?? '', p.communityName ?? '', p.reports, p.days, p.weeks, p.depts.map((d) => d.name).join('、'), p.firstDay, p.lastDay, p.needsRule ? '是' : '否']);
      name = `共性问题-${res.period.from}-${res.period.to}`;
    } else {
      const key = input.scoreKey ?? monthKey(ctx.clock.now());
      const res = await statsScores.handler({ period: input.scorePeriod ?? (key.length === 4 ? 'year' : 'month'), key, kind: input.kind ?? 'dept' }, ctx);
      header = ['排名', '名称', '单位', '岗位', '得分', '加减分', '考核记录', '呼叫次数', '呼叫准确率'];
      rows = res.rows.map((r) => [r.rank, r.name, r.unitName ?? '', r.post ?? '', r.score, r.points, r.records, r.calls, r.accuracyRate === null ? '—' : pct(r.accuracyRate)]);
      name = `考核排名-${key}`;
    }
    const csv = toCsv(header, rows);
    const cloud = sdk();
    // an unguessable folder per export (128 random bits), and a download URL that expires in 10 minutes, handed
    // only to the requester: nobody else can name the file, and the link is short-lived
    const cloudPath = `exports/${randomBytes(16).toString('hex')}/${name}.csv`;
    const up = await cloud.uploadFile({ cloudPath, fileContent: Buffer.from(csv, 'utf8') });
    const fileID = (up as { fileID: string }).fileID;
    const urls = await cloud.getTempFileURL({ fileList: [{ fileID, maxAge: EXPORT_URL_MAX_AGE_SEC }] });
    const url = (urls as { fileList: Array<{ tempFileURL: string }> }).fileList[0]?.tempFileURL ?? '';
    return { fileID, url, name: `${name}.csv`, rows: rows.length };
  },
});

export const statsActions: ActionDef<any, any>[] = [
  statsIndicators, statsBreakdown, statsTrend, statsHotspots, statsDrill, statsPatterns, statsAdoptRule, statsScores, statsExportCsv,
];

