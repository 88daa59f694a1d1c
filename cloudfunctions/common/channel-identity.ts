/**
 * Migration to channel identity: cases stored before every channel record had its own identity carry only the
 * channel's kind (`channel: 'partner'` for every partner unit) and an intake key `<kind>:<ref>`. This gives each
 * such case its `channelId` (src/domain/case/case-channel.ts `legacyChannelPatch`: the channel adapter that created
 * it, the only channel of its kind, or the partner channel of the city unit its routing named) and re-keys its intake
 * key to `<channelId>:<ref>`, so a re-post of an old reference still finds its case. A case no rule can place gets
 * `channelId: null`: no channel reads it (nothing leaks); the command centre still sees it.
 *
 * It runs where channel identity matters — before the first Open311 request and the first `case.channelIntake` of a
 * function instance (`ensureChannelIdentity`) — and is idempotent: it touches only cases without a `channelId`, and
 * a marker in `settings` (`migration.channelIdentity`) makes later cold starts cost one read.
 */
import { legacyChannelPatch, type LegacyChannelCase } from '@domain/case/case-channel';
import type { Channel } from '@domain/org/org-types';
import { getOrg } from './org';
import type { StoredCase } from './repos/records';
import { findCasesWhere, updateCasesWhere } from './repos/cases';
import { ops } from './repos/filters';
import { putSetting, setting } from './repos/settings';

export const CHANNEL_MIGRATION_ID = 'migration.channelIdentity';
const BATCH = 100;

export interface ChannelMigrationResult {
  /** cases given a channel */
  migrated: number;
  /** cases no rule could place (channelId null) */
  unassigned: string[];
  /** cases whose new intake key was already taken (kept their old key) */
  keyConflicts: string[];
  /** the marker said it was done: nothing was read */
  skipped: boolean;
}

function legacyOf(doc: StoredCase): LegacyChannelCase {
  return {
    channel: doc.channel,
    channelId: doc.channelId,
    channelRef: doc.channelRef,
    intakeKey: doc.intakeKey,
    createdBy: doc.log?.[0]?.by?.id,
    cityUnitIds: (doc.routing ?? []).map((h) => h.decision?.cityUnitId).filter((x): x is string => !!x),
  };
}

/** Give every case stored without a channel identity its channel (see the file comment). */
export async function migrateChannelIdentity(channels: readonly Channel[], now: number): Promise<ChannelMigrationResult> {
  const _ = ops();
  const marker = await setting<{ done?: boolean }>(CHANNEL_MIGRATION_ID);
  if (marker?.done) return { migrated: 0, unassigned: [], keyConflicts: [], skipped: true };

  const result: ChannelMigrationResult = { migrated: 0, unassigned: [], keyConflicts: [], skipped: false };
  for (;;) {
    const docs = await findCasesWhere({ channel: _.neq('miniapp'), channelId: _.exists(false) }, { limit: BATCH });
    if (!docs.length) break;
    for (const doc of docs) {
      const patch = legacyChannelPatch(legacyOf(doc), channels);
      if (!patch) continue;
      // only a case still without a channel: a concurrent run (another instance) finds nothing left to do
      const where = { _id: doc._id, channelId: _.exists(false) };
      try {
        await updateCasesWhere(where, patch.intakeKey ? { channelId: patch.channelId, intakeKey: patch.intakeKey } : { channelId: patch.channelId });
      } catch (err) {
        if (!patch.intakeKey) throw err;
        // the new key is taken (a case created under it already): keep the old key, the case still gets its channel
        await updateCasesWhere(where, { channelId: patch.channelId });
        result.keyConflicts.push(doc._id);
      }
      if (patch.channelId === null) result.unassigned.push(doc._id);
      else result.migrated++;
    }
    if (docs.length < BATCH) break;
  }
  await putSetting(CHANNEL_MIGRATION_ID, { done: true, at: now, migrated: result.migrated, unassigned: result.unassigned, keyConflicts: result.keyConflicts });
  if (result.migrated || result.unassigned.length) console.info('[channel-identity] migrated', result.migrated, 'unassigned', result.unassigned.length, 'key conflicts', result.keyConflicts.length);
  return result;
}

let ensured: Promise<unknown> | null = null;

/** Once per function instance, before channel identity is relied on (a failure is retried by the next call). */
export function ensureChannelIdentity(now: () => number): Promise<unknown> {
  if (!ensured) {
    ensured = getOrg()
      .then((org) => migrateChannelIdentity(org.channels, now()))
      .catch((err) => {
        ensured = null;
        throw err;
      });
  }
  return ensured;
}
