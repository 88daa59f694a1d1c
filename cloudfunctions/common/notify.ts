/**
 * Delivers the `notify` effects of a committed change as WeChat subscribe messages (订阅消息).
 * Each notice reads only the recipients it needs: an indexed query on the staff directory for its group (a street's
 * handlers or leaders, a department's officers or leaders, the command centre, the leaders on duty), kept per warm
 * instance as long as the org data is (60 s), so a steady stream of reports to one street reads it once a minute
 * and never the whole directory. A failed send (the user has not subscribed, quota used up) is logged and never
 * fails the action: the change is already committed.
 */
import type { Effect, Recipient, TemplateKey } from '@domain/common/effect-types';
import { TEMPLATE_TITLES } from '@domain/common/effect-types';
import { formatBusiness } from '@domain/common/business-time';
import { onDutyLeaders } from '@domain/org/rota';
import type { RotaEntry, Staff } from '@domain/org/org-types';
import templates from '../../config/cloud/templates.json';
import type { Org } from './org';
import { readChecked } from './repos/org';
import { ops } from './repos/filters';
import { sdk } from './sdk';

type NotifyEffect = Extract<Effect, { type: 'notify' }>;

const ids = templates.ids as Record<string, string>;
const routes = templates.routes as Record<string, string>;
const fields = templates.fields as Record<'title' | 'caseId' | 'time' | 'detail', string>;

/** Recipient groups and the rota read by this instance, with when they were read (the org's TTL). */
const TTL_MS = 60_000;
const groups = new Map<string, { at: number; value: Promise<unknown> }>();

/** A group read before the caller's org data was (re)loaded is read again: an edit of the directory shows at once. */
function cachedRead<T>(key: string, since: number, read: () => Promise<T>): Promise<T> {
  const hit = groups.get(key);
  if (hit && Date.now() - hit.at < TTL_MS && hit.at >= since) return hit.value as Promise<T>;
  const value = read();
  groups.set(key, { at: Date.now(), value });
  // a failed read is not kept
  value.catch(() => groups.get(key)?.value === value && groups.delete(key));
  return value;
}

/** The openids of the staff matching `where` (an indexed query: streetId, deptId, _id; roles is matched per element). */
function staffOpenids(key: string, since: number, where: Record<string, unknown>, keep: (s: Staff) => boolean = () => true): Promise<string[]> {
  return cachedRead(`staff:${key}`, since, async () =>
    (await readChecked<Staff>('staff', where)).docs
      .filter((s) => typeof s.openid === 'string' && s.openid && keep(s))
      .sort((a, b) => a._id.localeCompare(b._id))
      .map((s) => s.openid as string),
  );
}

/**
 * Read the openids of these staff members in ONE query for the notices about to be sent (a timer page warns many
 * assignees): each lands where `recipients` looks for it. A failure is left to the notices themselves.
 */
export async function prefetchStaff(staffIds: readonly string[]): Promise<void> {
  const at = Date.now();
  const missing = [...new Set(staffIds)].filter((id) => {
    const hit = groups.get(`staff:id:${id}`);
    return !(hit && at - hit.at < TTL_MS);
  });
  if (!missing.length) return;
  const read = readChecked<Staff>('staff', { _id: ops().in(missing.sort()) }).then((r) => new Map(r.docs.map((x) => [x._id, x])));
  for (const id of missing) {
    const value = read.then((byId) => {
      const openid = byId.get(id)?.openid;
      return typeof openid === 'string' && openid ? [openid] : [];
    });
    groups.set(`staff:id:${id}`, { at, value });
    value.catch(() => groups.get(`staff:id:${id}`)?.value === value && groups.delete(`staff:id:${id}`));
  }
  await read.catch(() => undefined);
}

/**
 * Who receives a notice addressed to `to`. `org`: the caller's org data when it holds it (its rota is used, and
 * groups read before it was loaded are read again), otherwise null (the rota is read too).
 */
export async function recipients(to: Recipient, now: number, org: Pick<Org, 'rota' | 'loadedAt'> | null = null): Promise<string[]> {
  const since = org?.loadedAt ?? 0;
  switch (to.kind) {
    case 'citizen':
      return [to.openid];
    case 'staff':
      return staffOpenids(`id:${to.staffId}`, since, { _id: to.staffId });
    case 'streetHandlers':
      return staffOpenids(`street:${to.streetId}:handler`, since, { streetId: to.streetId, roles: 'handler' });
    case 'streetLeaders':
      return staffOpenids(`street:${to.streetId}:leader`, since, { streetId: to.streetId, roles: 'leader' });
    case 'dept':
      return staffOpenids(`dept:${to.deptId}:officer`, since, { deptId: to.deptId, roles: 'dept' }, (s) => s.post === 'officer' || !s.post);
    case 'deptLeaders':
      return staffOpenids(`dept:${to.deptId}:leader`, since, { deptId: to.deptId, roles: 'deptLeader' });
    case 'command':
      return staffOpenids('command', since, { roles: 'command' });
    case 'rota': {
      const rota = org?.rota ?? (await cachedRead('rota', since, async () => (await readChecked<RotaEntry>('rota')).docs));
      const on = [...onDutyLeaders(rota, to.streetId, now).staffIds].sort();
      if (!on.length) return [];
      return staffOpenids(`ids:${on.join(',')}`, since, { _id: ops().in(on) });
    }
  }
}

/** The mini-program page a notice opens. */
function pageFor(e: NotifyEffect): string {
  const caseId = e.data.caseId;
  if (e.to.kind === 'citizen') return caseId ? `pages/case/index?id=${caseId}` : 'pages/cases/index';
  if (e.to.kind === 'dept' || e.to.kind === 'deptLeaders') return 'dept/calls/index';
  if (e.to.kind === 'rota' || e.to.kind === 'command') return 'lead/board/index';
  return caseId ? `handler/inbox/index?id=${caseId}` : 'handler/inbox/index';
}

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export interface Outgoing {
  touser: string;
  templateId: string;
  page: string;
  data: Record<string, { value: string }>;
}

export async function messagesFor(effects: readonly Effect[], org: Pick<Org, 'rota' | 'loadedAt'> | null, now: number): Promise<Outgoing[]> {
  const out: Outgoing[] = [];
  const seen = new Set<string>();
  for (const e of effects) {
    if (e.type !== 'notify') continue;
    const templateId = ids[routes[e.template] ?? ''];
    if (!templateId) continue;
    const title = TEMPLATE_TITLES[e.template as TemplateKey];
    const detail = Object.entries(e.data)
      .filter(([k]) => k !== 'caseId')
      .map(([, v]) => String(v))
      .join('，');
    for (const touser of await recipients(e.to, now, org)) {
      const key = `${touser}|${e.template}|${e.data.caseId ?? ''}|${e.data.callId ?? ''}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({
        touser,
        templateId,
        page: pageFor(e),
        data: {
          [fields.title]: { value: clip(title, 20) },
          [fields.caseId]: { value: String(e.data.caseId ?? e.data.callId ?? '-').slice(0, 32) },
          [fields.time]: { value: formatBusiness(now) },
          [fields.detail]: { value: clip(detail || title, 20) },
        },
      });
    }
  }
  return out;
}

/** Send the notices of `effects`. `org`: the caller's org data when it holds it, else null (see `recipients`). */
export async function deliver(effects: readonly Effect[], org: Pick<Org, 'rota' | 'loadedAt'> | null, now: number): Promise<number> {
  const msgs = await messagesFor(effects, org, now);
  if (!msgs.length) return 0;
  const results = await Promise.allSettled(
    msgs.map((m) => sdk().openapi.subscribeMessage.send({ ...m, miniprogramState: process.env.YX_MP_STATE || 'formal' })),
  );
  let sent = 0;
  results.forEach((r, i) => {
    if (r.status === 'fulfilled') sent += 1;
    else console.warn('[notify] not sent', msgs[i].templateId, msgs[i].touser, String((r.reason as Error)?.message ?? r.reason));
  });
  return sent;
}
