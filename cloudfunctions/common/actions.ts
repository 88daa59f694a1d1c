/**
 * One function, many actions (tcb-router style): each action is a handler bound to its entry of the API contract
 * (`@domain/contract`: name, roles, input schema, output type, error codes). The dispatcher resolves the caller from
 * WeChat's context (never from the payload), validates the input with the entry's schema, checks the entry's roles,
 * runs the handler and wraps the answer in the one envelope. Two things may run beside the caller's look-up, to save
 * round trips: an action's `gate` (the report's rate limit, with the checks that need only the payload and the
 * openid) and a read-only query started for the caller as last seen, whose answer counts only when the look-up finds
 * the very same caller.
 */
import type { Clock } from '@domain/common/clock';
import type { ContractEntry, InputSchema, Output, ParsedOf, Roles } from '@domain/contract';
import { Errors } from './errors';
import { fail, ok, type Envelope } from './envelope';
import { callerOpenid, resolveCaller, type Caller } from './identity';
import { serverClock } from './clock';

export type { InputSchema };

export interface ActionContext<G = void> {
  caller: Caller;
  clock: Clock;
  /** what the action's `gate` answered */
  gated: G;
}

export interface ActionDef<I, O, G = unknown> {
  name: string;
  /** roles allowed to call; 'anyone' includes callers with no staff record (citizens) */
  roles: Roles;
  input: InputSchema<I>;
  /**
   * Work on the caller's WeChat identity and the payload alone (a rate limit by openid; checks of the payload) that
   * the dispatcher runs while it looks the caller up, so they cost one round trip together; the handler starts once
   * both are done and gets its answer as `gated`. A refusal from it is the action's answer. Only for actions open
   * to anyone (no role to check first).
   */
  gate?(openid: string, now: number, input: I): Promise<G>;
  /**
   * A query that changes nothing: for a caller this instance has seen, the dispatcher starts it with the caller as
   * last seen while it looks the caller up again, and answers with it only when the fresh look-up is the same caller
   * (roles and staff record alike); otherwise that run is dropped and the query runs again for the fresh caller.
   */
  readOnly?: boolean;
  handler(input: I, ctx: ActionContext<G>): Promise<O>;
}

/** The answer type a contract entry promises. */
export type OutputOf<E extends { output: Output<unknown> }> = E['output'] extends Output<infer T> ? T : never;

/**
 * The handler of a contract entry: its input is the entry's parsed payload, its answer must be the entry's output
 * type (TypeScript checks both); name, roles and schema are the entry's.
 */
export function implement<E extends ContractEntry<string, InputSchema<any>, any>, G = void>(
  entry: E,
  impl: {
    gate?(openid: string, now: number, input: ParsedOf<E['input']>): Promise<G>;
    readOnly?: boolean;
    handler(input: ParsedOf<E['input']>, ctx: ActionContext<G>): Promise<OutputOf<E>>;
  },
): ActionDef<ParsedOf<E['input']>, OutputOf<E>, G> {
  if (impl.gate && entry.roles !== 'anyone') throw new Error(`${entry.name}: a gate runs before the roles are known; only for actions open to anyone`);
  if (impl.gate && impl.readOnly) throw new Error(`${entry.name}: a read-only query has no gate`);
  return { name: entry.name, roles: entry.roles, input: entry.input as InputSchema<ParsedOf<E['input']>>, gate: impl.gate, readOnly: impl.readOnly, handler: impl.handler };
}

/** Callers this instance has looked up lately (by openid): where a read-only query may start (see `readOnly`). */
const SEEN_MAX = 1000;
const seen = new Map<string, { caller: Caller; key: string }>();

const callerKey = (c: Caller) => JSON.stringify([c.openid, c.roles, c.staff ?? null]);

function remember(caller: Caller): string {
  const key = callerKey(caller);
  seen.delete(caller.openid);
  seen.set(caller.openid, { caller, key });
  if (seen.size > SEEN_MAX) seen.delete(seen.keys().next().value as string);
  return key;
}

type Outcome<O> = { ok: true; value: O } | { ok: false; error: unknown };

function allowed(def: ActionDef<unknown, unknown, unknown>, caller: Caller): boolean {
  return def.roles === 'anyone' || def.roles.some((r) => caller.roles.includes(r));
}

async function run<I, O, G>(def: ActionDef<I, O, G>, input: I, caller: Caller, clock: Clock, gated: G): Promise<Outcome<O>> {
  try {
    if (!allowed(def as ActionDef<unknown, unknown, unknown>, caller)) throw Errors.forbidden();
    return { ok: true, value: await def.handler(input, { caller, clock, gated }) };
  } catch (error) {
    return { ok: false, error };
  }
}

// The registry holds actions of many input/output types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ActionRegistry = Record<string, ActionDef<any, any, any>>;

export interface ApiEvent {
  action?: unknown;
  payload?: unknown;
}

export function registry(...defs: ReadonlyArray<ActionDef<any, any, any>>): ActionRegistry {
  const out: ActionRegistry = {};
  for (const d of defs) {
    if (out[d.name]) throw new Error(`duplicate action ${d.name}`);
    out[d.name] = d;
  }
  return out;
}

export async function dispatch(actions: ActionRegistry, event: ApiEvent, clock: Clock = serverClock): Promise<Envelope<unknown>> {
  try {
    const name = typeof event?.action === 'string' ? event.action : '';
    const def = Object.prototype.hasOwnProperty.call(actions, name) ? actions[name] : undefined;
    if (!def) throw Errors.unknownAction(name || '(空)');
    // A missing payload is an empty one; `payload: null` (or any non-object) is the schema's to refuse.
    const parsed = def.input.safeParse(event.payload === undefined ? {} : event.payload);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      const where = first && first.path.length ? `（${first.path.map(String).join('.')}）` : '';
      // Schemas carry Chinese messages; a library default (English) is replaced so people always read Chinese.
      const message = first && /[\u4e00-\u9fff]/.test(first.message) ? first.message : '请求参数格式不正确';
      throw Errors.invalidInput(`${message}${where}`, parsed.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })));
    }
    const openid = callerOpenid();
    const gate = def.gate ? def.gate(openid, clock.now(), parsed.data) : undefined;
    const known = def.readOnly ? seen.get(openid) : undefined;
    const early = known ? run(def, parsed.data, known.caller, clock, undefined) : undefined;
    const [caller, gated] = await Promise.all([resolveCaller(openid), gate]);
    const key = remember(caller);
    // the early run answers only for the very same caller; it is dropped otherwise (it changed nothing)
    const outcome = early && known!.key === key ? await early : await run(def, parsed.data, caller, clock, gated);
    if (!outcome.ok) throw outcome.error;
    return ok(outcome.value);
  } catch (err) {
    return fail(err);
  }
}
