import type { Actor, Role } from '../common/actor-types';
import type { Effect } from '../common/effect-types';
import type { Place } from '../common/geo-distance';
import { CHANNEL_LABELS, type CaseRecord, type Channel, type Reporter } from './case-types';

export interface NewCase {
  id: string;
  channel: Channel;
  /** the channel record the case came through (absent: mini-program) */
  channelId?: string;
  channelRef?: string;
  reporter: Reporter;
  categoryCode: string;
  description: string;
  photos?: string[];
  location?: Place;
  communityId?: string;
  phone?: string;
  /** content check result (msgSecCheck) when it was not 'pass' */
  review?: { suggest: 'review' | 'risky'; label?: string };
}

/**
 * A new case in `submitted`, version 1, with its 'create' log line. Routing follows as a separate
 * transition (`routeEvent(decision)`), so the routing hop is logged like every other hop.
 */
export function createCase(input: NewCase, ctx: { actor: Actor; now: number; role?: Role }): { case: CaseRecord; effects: Effect[] } {
  const role: Role = ctx.role ?? ctx.actor.roles[0] ?? 'system';
  const c: CaseRecord = {
    id: input.id,
    channel: input.channel,
    ...(input.channelId ? { channelId: input.channelId } : {}),
    channelRef: input.channelRef,
    reporter: input.reporter,
    categoryCode: input.categoryCode,
    description: input.description,
    photos: input.photos ?? [],
    location: input.location,
    communityId: input.communityId,
    phone: input.phone,
    routing: [],
    deptIds: [],
    callGroupIds: [],
    state: 'submitted',
    flags: input.review ? { review: input.review } : {},
    clocks: { extensions: [] },
    reworkCount: 0,
    satisfactionHistory: [],
    createdAt: ctx.now,
    updatedAt: ctx.now,
    version: 1,
  };
  const effects: Effect[] = [
    {
      type: 'log',
      entry: {
        subject: 'case',
        caseId: c.id,
        event: 'create',
        what: `受理（${CHANNEL_LABELS[c.channel]}${c.channelRef ? ` ${c.channelRef}` : ''}）`,
        by: { id: ctx.actor.id, name: ctx.actor.name },
        role,
        at: ctx.now,
        where: c.location ? { lng: c.location.point.coordinates[0], lat: c.location.point.coordinates[1], address: c.location.address } : undefined,
        to: 'submitted',
        version: 1,
      },
    },
  ];
  if (c.reporter.openid) effects.push({ type: 'notify', to: { kind: 'citizen', openid: c.reporter.openid }, template: 'caseReceived', data: { caseId: c.id } });
  return { case: c, effects };
}

/**
 * Idempotency key of an intake: the same report re-submitted maps to the same key (store it with a unique
 * index). `source` is the channel record's `_id` for a channel (two partner units never share a key space) and
 * `miniapp` for the mini-program; channels give their own reference, the mini-program a client token generated once
 * per form.
 */
export function intakeKey(source: string, ref: string): string {
  return `${source}:${ref}`;
}
