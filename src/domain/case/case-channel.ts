/**
 * Channel identity. A channel *kind* (12345, grid, 数字城管, partner, …) labels a case and groups it in statistics;
 * a channel *record* (`channels` collection, org-types.ts `Channel`) is one system or unit with its own api key.
 * Several records may share a kind (every partner unit is a `partner`), so idempotency and reads go by the record's
 * `_id` (`CaseRecord.channelId`), never by the kind.
 */
import type { Channel as ChannelRecord } from '../org/org-types';
import { intakeKey } from './case-create';
import type { Channel as ChannelKind } from './case-types';

export type ChannelResolution = { ok: true; channel: ChannelRecord } | { ok: false; code: 'UNKNOWN_CHANNEL' | 'AMBIGUOUS_CHANNEL'; message: string };

/**
 * The channel an operator enters a case for: by record id, or by kind when exactly one record has that kind.
 * The mini-program is not a channel here.
 */
export function resolveChannel(channels: readonly ChannelRecord[], by: { channelId?: string; channel?: ChannelKind }): ChannelResolution {
  const usable = channels.filter((c) => c.code !== 'miniapp');
  if (by.channelId) {
    const ch = usable.find((c) => c._id === by.channelId);
    if (!ch) return { ok: false, code: 'UNKNOWN_CHANNEL', message: `来源渠道 ${by.channelId} 不存在` };
    if (by.channel && by.channel !== ch.code) return { ok: false, code: 'UNKNOWN_CHANNEL', message: `来源渠道 ${by.channelId} 不属于所选渠道类型` };
    return { ok: true, channel: ch };
  }
  const same = usable.filter((c) => c.code === by.channel);
  if (same.length === 1) return { ok: true, channel: same[0] };
  if (same.length === 0) return { ok: false, code: 'UNKNOWN_CHANNEL', message: '所选类型的来源渠道尚未配置' };
  return { ok: false, code: 'AMBIGUOUS_CHANNEL', message: `该类型有${same.length}个渠道（${same.map((c) => c.name).join('、')}），请指定具体渠道（channelId）` };
}

/** What the migration needs of a stored case written before channel identity existed. */
export interface LegacyChannelCase {
  channel: ChannelKind;
  channelId?: string | null;
  channelRef?: string;
  intakeKey?: string;
  /** who entered it: a channel adapter writes the channel record's `_id` here (Open311), an operator their staff id */
  createdBy?: string;
  /** city units named by the case's routing decisions */
  cityUnitIds: string[];
}

export interface ChannelIdentityPatch {
  /** null: no channel can be named with certainty — the case stays visible to no channel (nothing leaks) */
  channelId: string | null;
  /** the intake key re-keyed from `<kind>:<ref>` to `<channelId>:<ref>` so re-posts keep finding the case */
  intakeKey?: string;
  /** how the channel was found */
  basis: 'creator' | 'onlyOfKind' | 'cityUnit' | 'none';
}

/**
 * The channel of a case stored with a kind only, in this order: the channel adapter that created it (the audit
 * trail's first entry names the channel record), the only record of its kind, the partner record of the city unit its
 * routing named (exactly one). Otherwise none. Mini-program cases have no channel record and are not migrated.
 */
export function legacyChannelPatch(c: LegacyChannelCase, channels: readonly ChannelRecord[]): ChannelIdentityPatch | null {
  if (c.channel === 'miniapp' || c.channelId !== undefined) return null;
  const ofKind = channels.filter((ch) => ch.code === c.channel);
  let found: ChannelRecord | undefined;
  let basis: ChannelIdentityPatch['basis'] = 'none';
  const creator = ofKind.find((ch) => ch._id === c.createdBy);
  if (creator) [found, basis] = [creator, 'creator'];
  else if (ofKind.length === 1) [found, basis] = [ofKind[0], 'onlyOfKind'];
  else {
    const byUnit = ofKind.filter((ch) => ch.cityUnitId && c.cityUnitIds.includes(ch.cityUnitId));
    if (byUnit.length === 1) [found, basis] = [byUnit[0], 'cityUnit'];
  }
  if (!found) return { channelId: null, basis: 'none' };
  const legacyKey = c.channelRef !== undefined ? intakeKey(c.channel, c.channelRef) : undefined;
  const patch: ChannelIdentityPatch = { channelId: found._id, basis };
  if (legacyKey && c.intakeKey === legacyKey) patch.intakeKey = intakeKey(found._id, c.channelRef!);
  return patch;
}
