/** Channel identity (src/domain/case/case-channel.ts): resolving the channel an operator names, migrating old cases. */
import { legacyChannelPatch, resolveChannel, type LegacyChannelCase } from '../../../src/domain/case/case-channel';
import { CHANNELS } from '../../../src/domain/org/seed/channels';
import type { Channel } from '../../../src/domain/org/org-types';

const swjt = CHANNELS.find((c) => c._id === 'ch-partner-swjt')!;
const gdgs = CHANNELS.find((c) => c._id === 'ch-partner-gdgs')!;

describe('the seed: every partner unit is its own channel with its own key', () => {
  test('ids and keys are unique; two partner units share the kind only', () => {
    expect(new Set(CHANNELS.map((c) => c._id)).size).toBe(CHANNELS.length);
    const keys = CHANNELS.flatMap((c) => (c.apiKey ? [c.apiKey] : []));
    expect(new Set(keys).size).toBe(keys.length);
    expect(CHANNELS.filter((c) => c.code === 'partner').map((c) => c.cityUnitId)).toEqual(['city-swjt', 'city-gdgs']);
  });
});

describe('resolveChannel', () => {
  test.each<[string, { channelId?: string; channel?: any }, string | { code: string; message: RegExp }]>([
    ['by record id', { channelId: 'ch-partner-gdgs' }, 'ch-partner-gdgs'],
    ['by record id and its kind', { channelId: 'ch-partner-swjt', channel: 'partner' }, 'ch-partner-swjt'],
    ['by a kind only one record has', { channel: 'hotline12345' }, 'ch-12345'],
    ['a kind several records share', { channel: 'partner' }, { code: 'AMBIGUOUS_CHANNEL', message: /福州市水务集团、国网福州供电公司/ }],
    ['an unknown record id', { channelId: 'ch-nope' }, { code: 'UNKNOWN_CHANNEL', message: /ch-nope/ }],
    ['a record id of another kind', { channelId: 'ch-partner-swjt', channel: 'dcm' }, { code: 'UNKNOWN_CHANNEL', message: /不属于/ }],
    ['the mini-program record', { channelId: 'ch-miniapp' }, { code: 'UNKNOWN_CHANNEL', message: /ch-miniapp/ }],
    ['a kind no record has', { channel: 'open311' }, { code: 'UNKNOWN_CHANNEL', message: /尚未配置/ }],
  ])('%s', (_name, by, expected) => {
    const r = resolveChannel(CHANNELS, by);
    if (typeof expected === 'string') expect(r).toEqual({ ok: true, channel: CHANNELS.find((c) => c._id === expected) });
    else expect(r).toEqual({ ok: false, code: expected.code, message: expect.stringMatching(expected.message) });
  });
});

describe('legacyChannelPatch (cases stored with a kind only)', () => {
  const base: LegacyChannelCase = { channel: 'partner', channelRef: 'R-1', intakeKey: 'partner:R-1', cityUnitIds: [] };
  test.each<[string, Partial<LegacyChannelCase>, ReturnType<typeof legacyChannelPatch>]>([
    ['created by a partner adapter: that partner, key re-keyed', { createdBy: 'ch-partner-gdgs' }, { channelId: 'ch-partner-gdgs', intakeKey: 'ch-partner-gdgs:R-1', basis: 'creator' }],
    ['the creator wins over the city unit', { createdBy: 'ch-partner-swjt', cityUnitIds: ['city-gdgs'] }, { channelId: 'ch-partner-swjt', intakeKey: 'ch-partner-swjt:R-1', basis: 'creator' }],
    ['entered by an operator, routing named one partner’s city unit', { createdBy: 'staff-zhzx-operator-1', cityUnitIds: ['city-swjt'] }, { channelId: 'ch-partner-swjt', intakeKey: 'ch-partner-swjt:R-1', basis: 'cityUnit' }],
    ['entered by an operator, no city unit: nobody', { createdBy: 'staff-zhzx-operator-1' }, { channelId: null, basis: 'none' }],
    ['the only channel of its kind', { channel: 'hotline12345', intakeKey: 'hotline12345:R-1', createdBy: 'staff-x' }, { channelId: 'ch-12345', intakeKey: 'ch-12345:R-1', basis: 'onlyOfKind' }],
    ['a key that is not the legacy key stays', { channel: 'dcm', intakeKey: 'something-else' }, { channelId: 'ch-dcm', basis: 'onlyOfKind' }],
    ['already migrated: nothing', { channelId: 'ch-partner-swjt' }, null],
    ['already found unplaceable: nothing', { channelId: null }, null],
    ['the mini-program: nothing', { channel: 'miniapp', intakeKey: 'miniapp:o:t' }, null],
  ])('%s', (_name, over, expected) => {
    expect(legacyChannelPatch({ ...base, ...over }, CHANNELS)).toEqual(expected);
  });

  test('with one partner channel configured, every old partner case is that partner’s', () => {
    const one: Channel[] = CHANNELS.filter((c) => c !== gdgs);
    expect(legacyChannelPatch({ ...base, createdBy: 'staff-x' }, one)).toEqual({ channelId: swjt._id, intakeKey: `${swjt._id}:R-1`, basis: 'onlyOfKind' });
  });
});
