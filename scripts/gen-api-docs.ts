/**
 * Generates docs/API.md from the API contract (src/domain/contract): for every action its name, the roles allowed, the
 * payload as JSON Schema (zod 4 `z.toJSONSchema`, which reads zod/mini schemas too), the answer's type (declared in
 * src/domain/contract/outputs.ts) and the error codes it may answer.
 * Run: `npx tsx scripts/gen-api-docs.ts` (writes docs/API.md); `--check` exits 1 when the file is stale.
 * tests/functions/badinput.test.ts fails when docs/API.md is stale.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as z from 'zod/mini';
import { COMMON, contract, declaredCodes, type ActionName } from '../src/domain/contract';

const ROUTING_NOTE =
  'Routing authority (src/domain/org/routing-authority.ts): admin and command adopt, change and end any rule; the district leader on the rota now proposes any rule, a street leader on the street rota now rules confined to their street (before and after the change) — a proposal is saved inactive with a `proposal` stamp and may not change or end a rule in force; otherwise FORBIDDEN. The polygon must be a closed ring of ≥ 4 positions inside the district box (INVALID_INPUT). Audited in adminLog.';

/** Notes shown under an action. */
const NOTES: Record<string, string> = {
  'case.report':
    'A report must say where: a `location`, or (不便提供位置) a `communityId` — neither is INVALID_INPUT. A located report inside the district carries the street and community of its point. Photos: fileIDs of images the caller uploaded under their own folder (`whoami.uploadDir`) in this environment; the server asks storage that each exists (PHOTO_INVALID / PHOTO_NOT_FOUND). Rate-limited per openid (RATE_LIMITED, `details.retryAfterSec`; defaults 10 an hour, 30 a day).',
  'case.nearby':
    'Any caller. Open cases within `radiusM` (default 100, 10–500) of `point`, of `categoryCodes` when given (the chosen or suggested category), nearest first, at most 20: public fields only (src/domain/case/case-nearby.ts) — the point blurred to a ~50 m grid, the description truncated to 40 characters, `reporters`, and `mine` when the caller reports or follows it. No reporter, phone, photos, staff or log.',
  'case.join':
    '我也遇到了: the caller joins an open case instead of reporting it again (idempotent per citizen: `joined: false` the second time; the reporter joining changes nothing). The case counts `reporters`; the co-reporters\' openids stay on the server. A co-reporter sees the case in case.mine and case.get (`joined: true`, the reporter\'s phone masked), gets its notices and may rate it (one rating per round: the first reporter to rate). A closed case: CASE_CLOSED.',
  'geo.districtMap':
    'The district outline, each street\'s boundary and each community\'s area (the street split by nearest community centre: what routing assigns; src/domain/routing/routing-locate.ts), coordinates to 5 decimals. The app draws its maps with it and locates the pin.',
  'case.note': 'A citizen\'s notes and supplements are rate-limited per openid (RATE_LIMITED, rule `message`; defaults 20 an hour, 60 a day); staff are not counted.',
  'case.supplement': 'Rate-limited per openid with case.note (RATE_LIMITED, rule `message`; defaults 20 an hour, 60 a day).',
  'account.bindInvite': 'Wrong codes are counted per openid: after 5 a lock-out of 1, 2, 4 … minutes (RATE_LIMITED), plus at most 10 attempts a minute.',
  whoami: '`uploadDir`: the folder this user uploads photos to (`uploads/<opaque id>`); only files under it are accepted as their photos.',
  'call.checkIn':
    'A far/early attempt is saved on the call (`attempts`) and answered with CHECKIN_FAR / CHECKIN_EARLY; after the window the call is recorded absent (CHECKIN_ABSENT). `details` = `{ call: CallView, verdict }`.',
  'call.consult': 'Writes every call of the group that can take the consultation in one transaction; `responsibleDeptId` must be one of the group\'s departments.',
  'case.call': 'Creates one call per department (`<caseId>-G<n>-<deptId>`) in the same transaction as the case\'s `call` event. Answers `{ case, calls }`.',
  'case.markDuplicate': 'The master must exist and be open; the master lists its duplicates.',
  'case.extend': 'Time bounds (src/domain/common/time-bounds.ts): the new deadline at most 1 year ahead (TIME_TOO_FAR); any time after 2100 is INVALID_INPUT.',
  'case.decideHard': 'Time bounds (src/domain/common/time-bounds.ts): the deadline later than now and at most 1 year ahead (TIME_TOO_FAR).',
  'admin.rules.save': ROUTING_NOTE,
  'admin.rules.deactivate': `${ROUTING_NOTE} Works on a rule whose stored polygon cannot be decoded (read without it, patched in place).`,
  'stats.adoptRule': ROUTING_NOTE,
  'admin.health': 'Org records skipped by every read because they fail their stored-document schema (src/domain/org/org-docs.ts) or cannot be decoded: `{ checkedAt, collections, items: [{ coll, collLabel, id, name, reason, active? }] }`.',
  'admin.health.remove': 'Deletes a record listed by admin.health (RECORD_VALID for a usable one), audited in adminLog; a standing rule also needs routing authority.',
};

interface Documented {
  base?: unknown;
  extra?: Record<string, unknown>;
}

function jsonSchema(input: unknown): unknown {
  const doc = input as Documented;
  const toJson = (s: unknown) => z.toJSONSchema(s as z.ZodMiniType, { io: 'input', unrepresentable: 'any' }) as Record<string, any>;
  try {
    if (doc.base) {
      const out = toJson(doc.base);
      for (const [k, v] of Object.entries(doc.extra ?? {})) {
        const extra = toJson(v);
        delete extra.$schema;
        out.properties = { ...(out.properties ?? {}), [k]: extra };
      }
      return out;
    }
    return toJson(input);
  } catch (err) {
    return { description: `(schema not representable: ${(err as Error).message})` };
  }
}

export function renderApiDocs(): string {
  const names = (Object.keys(contract) as ActionName[]).sort();
  const lines: string[] = [
    '# `api` actions',
    '',
    '<!-- Generated by scripts/gen-api-docs.ts from the API contract (src/domain/contract). Do not edit by hand: run `npx tsx scripts/gen-api-docs.ts`. -->',
    '',
    'Call: `wx.cloud.callFunction({ name: \'api\', data: { action, payload } })`. Answer: `{ code: 0, data }` or',
    '`{ code, message (Chinese), details? }`. Identity comes from WeChat\'s context only. Every case/call mutation also takes',
    'optional `expectedVersion` (VERSION_CONFLICT when the record moved on) and `where: { lng, lat, address? }` (device location',
    'for the audit trail). Roles: `anyone` includes citizens (every caller holds the citizen role); FORBIDDEN means the role is not',
    'declared; RELATION_FORBIDDEN means the role fits but the caller does not relate to the record (own street, own report, called',
    'department, on-duty leader). Common codes on every action: ' + COMMON.map((c) => `\`${c}\``).join(', ') + '.',
    '',
    '| action | roles |',
    '|---|---|',
    ...names.map((n) => `| [\`${n}\`](#${n.replace(/\./g, '').toLowerCase()}) | ${rolesOf(n)} |`),
    '',
  ];
  for (const n of names) {
    const def = contract[n];
    const codes = (declaredCodes(n) ?? []).filter((c) => !(COMMON as readonly string[]).includes(c));
    lines.push(`## ${n}`, '', `Roles: ${rolesOf(n)}`, '', `Answer: \`${def.output.typeName}\` (src/domain/contract/outputs.ts)`, '');
    if (NOTES[n]) lines.push(NOTES[n], '');
    lines.push(`Error codes: ${codes.length ? Array.from(new Set(codes)).map((c) => `\`${c}\``).join(', ') : '(common only)'}`, '');
    lines.push('```json', JSON.stringify(jsonSchema(def.input), null, 2), '```', '');
  }
  return lines.join('\n');
}

function rolesOf(name: ActionName): string {
  const r = contract[name].roles;
  return r === 'anyone' ? 'anyone' : r.join(', ');
}

export const API_DOC_PATH = path.resolve(__dirname, '../docs/API.md');

if (require.main === module) {
  const text = renderApiDocs();
  if (process.argv.includes('--check')) {
    const current = fs.existsSync(API_DOC_PATH) ? fs.readFileSync(API_DOC_PATH, 'utf8') : '';
    if (current !== text) {
      console.error('docs/API.md is stale: run `npx tsx scripts/gen-api-docs.ts`');
      process.exit(1);
    }
  } else {
    fs.mkdirSync(path.dirname(API_DOC_PATH), { recursive: true });
    fs.writeFileSync(API_DOC_PATH, text);
    console.log(`wrote ${API_DOC_PATH} (${Object.keys(contract).length} actions)`);
  }
}
