/**
 * Intake (事项收集): one case whatever the channel. Content check, idempotency by intake key, category
 * suggestion when none was given, duplicate linking, routing in docs/REQUIREMENTS.md's order — all in one write.
 */
import { createCase, intakeKey } from '@domain/case/case-create';
import type { CaseRecord, Channel, Reporter } from '@domain/case/case-types';
import { routeEvent } from '@domain/case/case-events';
import { transition } from '@domain/case/case-machine';
import { route } from '@domain/routing/routing-route';
import { findDuplicateMaster } from '@domain/routing/routing-duplicate';
import { locatePoint } from '@domain/routing/routing-locate';
import { suggestCategoryFromText } from '@domain/routing/classifier-model';
import type { Place } from '@domain/common/geo-distance';
import { SYSTEM_ACTOR, type Actor } from '@domain/common/actor-types';
import type { Effect } from '@domain/common/effect-types';
import { dayKey } from '@domain/common/business-time';
import { CASE_ID_RANDOM_LENGTH, caseIdOf, MAX_CASE_ID_ATTEMPTS } from '@domain/case/case-id';
import { randomBytes } from 'node:crypto';
import { AppError, Errors, isDuplicateKey } from './errors';
import { getOrg, type Org } from './org';
import { categoryClock } from './case-runner';
import { commit, recordOf, type StoredCase } from './repos/records';
import { caseByIntakeKey, casesNear } from './repos/cases';
import { ops } from './repos/filters';
import { sdk } from './sdk';
import { settle } from './settle';
import { deliver } from './notify';

export interface IntakeRequest {
  channel: Channel;
  /** the channel record (`channels._id`) for channel intake: the key space of `ref` (absent: mini-program) */
  channelId?: string;
  /** the channel's own reference, or `<openid>:<clientToken>` for the mini-program */
  ref: string;
  channelRef?: string;
  reporter: Reporter;
  categoryCode?: string;
  description: string;
  photos: string[];
  location?: Place;
  communityId?: string;
  phone?: string;
  /** the channel marks it as hard (e.g. 12345 transferring a case that bounced for 10+ days) */
  hard?: boolean;
  /** who submits (citizen or channel adapter) */
  actor: Actor;
  /** openid for the content check (mini-program reports) */
  checkOpenid?: string;
  /** the content check of `description`, already under way (the report starts it beside the caller look-up) */
  check?: Promise<ContentVerdict>;
}

export interface IntakeResult {
  caseId: string;
  state: CaseRecord['state'];
  categoryCode: string;
  /** the category was suggested by the classifier */
  suggested: boolean;
  duplicateOf?: string;
  review?: 'review' | 'risky';
  /** this request had been received before: nothing new was created */
  replayed: boolean;
}

const OTHER = 'other';
/** below this the suggestion is not trusted and the command centre triages */
const MIN_SUGGESTION_SCORE = 0.5;

export interface ContentVerdict {
  suggest: 'pass' | 'review' | 'risky';
  label?: string;
}

/** WeChat's content check of a citizen's text (never fails: unavailable → accepted for human review). */
export async function contentCheck(text: string, openid?: string): Promise<ContentVerdict> {
  if (!openid) return { suggest: 'pass' };
  try {
    const res = await sdk().openapi.security.msgSecCheck({ content: text.slice(0, 2500), version: 2, scene: 1, openid });
    const r = (res as { result?: { suggest?: string; label?: number | string } }).result;
    const suggest = r?.suggest === 'risky' || r?.suggest === 'review' ? r.suggest : 'pass';
    return { suggest, label: r?.label !== undefined ? String(r.label) : undefined };
  } catch (err) {
    // The check being unavailable must not lose a citizen's report: accept it for human review.
    console.warn('[intake] msgSecCheck failed', String((err as Error).message ?? err));
    return { suggest: 'review', label: 'unchecked' };
  }
}

/** A fresh case id of the report's business day (format and capacity: src/domain/case/case-id.ts). */
export function newCaseId(now: number): string {
  return caseIdOf(dayKey(now), randomBytes(CASE_ID_RANDOM_LENGTH));
}

function resultOf(doc: StoredCase, replayed: boolean, suggested = false): IntakeResult {
  return {
    caseId: doc._id,
    state: doc.state,
    categoryCode: doc.categoryCode,
    suggested,
    duplicateOf: doc.flags.duplicateOf,
    review: doc.flags.review?.suggest,
    replayed,
  };
}

async function openCasesNear(org: Org, categoryCode: string, place: Place | undefined): Promise<CaseRecord[]> {
  if (!place) return [];
  const [lng, lat] = place.point.coordinates;
  const open = ['submitted', 'triage', 'forwarded', 'dispatched', 'accepted', 'handling', 'returned', 'resolved'];
  // the whole documents (no projection): routing's duplicate check reads the records
  const found = await casesNear<StoredCase>([lng, lat], 100, { categoryCode, state: ops().in(open) }, {}, 20);
  void org;
  return found.map((d) => recordOf<CaseRecord>(d));
}

/** The category (given or suggested), the community and the open cases nearby: what routing the report needs. */
async function prepare(req: IntakeRequest): Promise<{ org: Org; code: string; suggested: boolean; communityId?: string; near: CaseRecord[] }> {
  const org = await getOrg();
  let categoryCode = req.categoryCode;
  let suggested = false;
  if (categoryCode && !org.byId.category.has(categoryCode)) throw new AppError('UNKNOWN_CATEGORY', '问题类型不存在，请重新选择');
  if (categoryCode && org.byId.category.get(categoryCode)!.disabled) throw new AppError('CATEGORY_DISABLED', '该问题类型已停用，请重新选择');
  if (!categoryCode) {
    const top = suggestCategoryFromText(req.description, 1)[0];
    categoryCode = top && top.score >= MIN_SUGGESTION_SCORE && org.byId.category.has(top.code) && !org.byId.category.get(top.code)!.disabled ? top.code : OTHER;
    suggested = true;
  }
  if (req.communityId && !org.byId.community.has(req.communityId)) throw new AppError('UNKNOWN_COMMUNITY', '所选社区不存在');
  // a located report inside the district carries the street and community its pin lies in (routing.locate)
  const pin = req.location ? locatePoint(req.location.point, org) : undefined;
  const communityId = pin?.inside && pin.communityId ? pin.communityId : req.communityId;
  // A re-submission is caught by the unique intake key when it is written (intake): no look-up first.
  const near = await openCasesNear(org, categoryCode, req.location);
  return { org, code: categoryCode, suggested, communityId, near };
}

export async function intake(req: IntakeRequest, now: number, opts: { newId?: (now: number) => string } = {}): Promise<IntakeResult> {
  const key = intakeKey(req.channelId ?? req.channel, req.ref);

  // The content check (a WeChat call) and the reads for routing (the org, open cases nearby) run at once; the
  // check's refusal still comes first.
  const checking = req.check ?? contentCheck(req.description, req.checkOpenid);
  const prepared = settle(prepare(req));
  const check = await checking;
  if (check.suggest === 'risky') {
    throw new AppError('CONTENT_RISKY', '描述中含有不适宜公开的内容，请修改后再提交');
  }
  const { org, code, suggested, communityId, near } = await prepared();

  // The case and its effects are built for one id; an id already taken (a random collision, see case-id.ts) is
  // refused by the store's unique _id and the whole case is built again under fresh symbols.
  const build = (id: string) => {
    const created = createCase(
      {
        id,
        channel: req.channel,
        channelId: req.channelId,
        channelRef: req.channelRef,
        reporter: req.reporter,
        categoryCode: code,
        description: req.description,
        photos: req.photos,
        location: req.location,
        communityId,
        phone: req.phone,
        review: check.suggest === 'review' ? { suggest: 'review', label: check.label } : undefined,
      },
      { actor: req.actor, now },
    );
    let c = created.case;
    const effects: Effect[] = [...created.effects];
    const step = (event: Parameters<typeof transition>[1]) => {
      const r = transition(c, event, { actor: SYSTEM_ACTOR, now, category: categoryClock(org, c.categoryCode) });
      if (!r.ok) throw new AppError(r.code, r.message);
      c = r.case;
      effects.push(...r.effects);
    };

    const master = findDuplicateMaster(
      { categoryCode: code, point: req.location?.point, reportedAt: now },
      near.map((n) => ({ id: n.id, categoryCode: n.categoryCode, point: n.location?.point, reportedAt: n.createdAt })),
    );
    if (master) {
      step({ type: 'markDuplicate', masterId: master.id, reason: '同一地点同类问题已在办理中，自动合并' });
    } else {
      const decision = route({ categoryCode: code, point: req.location?.point ?? null, communityId, at: now }, org);
      // a grid item is forwarded under our reference; the grid platform reports back with it (case.forwardResult)
      step(routeEvent(decision, `WG-${c.id}`));
      if (req.hard && c.state !== 'forwarded') step({ type: 'autoFlagHard', reason: 'channel', detail: req.channelRef });
    }
    return { c, effects };
  };

  const newId = opts.newId ?? newCaseId;
  for (let attempt = 1; ; attempt++) {
    const { c, effects } = build(newId(now));
    try {
      await commit([{ coll: 'cases', before: null, after: c, extra: { intakeKey: key } }], effects);
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      // A concurrent re-submission won the unique intake key: answer with the case it created.
      const again = await caseByIntakeKey(key);
      if (again) return resultOf(again, true);
      // Otherwise the id was taken: build again under a fresh one.
      if (attempt < MAX_CASE_ID_ATTEMPTS) continue;
      throw Errors.conflict('系统繁忙，编号分配冲突，请稍后重新提交');
    }
    await deliver(effects, org, now);
    return resultOf({ ...c, _id: c.id } as StoredCase, false, suggested);
  }
}
