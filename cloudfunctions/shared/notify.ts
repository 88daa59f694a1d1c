/**
 * Delivers the `notify` effects of a committed change as WeChat subscribe messages (订阅消息).
 * Recipients are resolved from the staff directory (cached org data); a failed send (the user has not
 * subscribed, quota used up) is logged and never fails the action: the change is already committed.
 */
import type { Effect, Recipient, TemplateKey } from '@domain/shared/effect.types';
import { TEMPLATE_TITLES } from '@domain/shared/effect.types';
import { formatBusiness } from '@domain/shared/business.time';
import { onDutyLeaders } from '@domain/org/rota';
import templates from '../../config/cloud/templates.json';
import type { Org } from './org';
import { sdk } from './sdk';

type NotifyEffect = Extract<Effect, { type: 'notify' }>;

const ids = templates.ids as Record<string, string>;
const routes = templates.routes as Record<string, string>;
const fields = templates.fields as Record<'title' | 'caseId' | 'time' | 'detail', string>;

export function recipients(to: Recipient, org: Org, now: number): string[] {
  const staff = org.staff;
  const openids = (pred: (s: Org['staff'][number]) => boolean) => staff.filter((s) => s.openid && pred(s)).map((s) => s.openid as string);
  switch (to.kind) {
    case 'citizen':
      return [to.openid];
    case 'staff': {
      const s = org.byId.staff.get(to.staffId);
      return s?.openid ? [s.openid] : [];
    }
    case 'streetHandlers':
      return openids((s) => s.streetId === to.streetId && s.roles.includes('handler'));
    case 'streetLeaders':
      return openids((s) => s.streetId === to.streetId && s.roles.includes('leader'));
    case 'dept':
      return openids((s) => s.deptId === to.deptId && s.roles.includes('dept') && (s.post === 'officer' || !s.post));
    case 'deptLeaders':
      return openids((s) => s.deptId === to.deptId && s.roles.includes('deptLeader'));
    case 'command':
      return openids((s) => s.roles.includes('command'));
    case 'rota': {
      const on = new Set(onDutyLeaders(org.rota, to.streetId, now).staffIds);
      return openids((s) => on.has(s._id));
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

export function messagesFor(effects: readonly Effect[], org: Org, now: number): Outgoing[] {
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
    for (const touser of recipients(e.to, org, now)) {
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

export async function deliver(effects: readonly Effect[], org: Org, now: number): Promise<number> {
  const msgs = messagesFor(effects, org, now);
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
