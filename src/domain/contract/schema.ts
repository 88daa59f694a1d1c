/**
 * Input schema helpers of the API contract. The domain's schemas describe the payload of each action; every
 * mutation also accepts the device location for the audit trail (`where`), parsed here so the domain schemas
 * (some carry refinements, which zod 4 cannot extend) stay as they are.
 */
import * as z from 'zod/mini';

/** Structural type satisfied by zod and zod/mini schemas (and the wrappers below). */
export interface InputSchema<T> {
  safeParse(input: unknown):
    | { success: true; data: T }
    | { success: false; error: { issues: ReadonlyArray<{ message: string; path: ReadonlyArray<PropertyKey> }> } };
}

/** The payload itself must be an object. */
export const PAYLOAD = { error: '请求参数格式不正确' };

export interface Where {
  lng: number;
  lat: number;
  address?: string;
}

export const whereSchema = z.optional(
  z.object(
    {
      lng: z.number({ error: '经度格式不正确' }).check(z.gte(-180, '经度格式不正确'), z.lte(180, '经度格式不正确')),
      lat: z.number({ error: '纬度格式不正确' }).check(z.gte(-90, '纬度格式不正确'), z.lte(90, '纬度格式不正确')),
      address: z.optional(z.string({ error: '地址格式不正确' }).check(z.maxLength(200, '地址不能超过200个字'))),
    },
    { error: '位置格式不正确' },
  ),
);

/** A schema with its JSON-schema-able parts, for the API documentation. */
export interface DocumentedSchema<T, In = unknown> extends InputSchema<T> {
  /** the domain schema (payload) */
  base: unknown;
  /** extra optional fields parsed alongside */
  extra: Record<string, unknown>;
  /** type only: what a caller sends (zod's input type of `base`, plus the extras) */
  readonly __input?: In;
}

/** What a caller sends for a schema: zod's input type, or the wrapper's declared one. */
export type PayloadOf<S> = S extends z.core.$ZodType ? z.input<S> : S extends { readonly __input?: infer In } ? In : never;
/** What the handler receives: the schema's parsed value. */
export type ParsedOf<S> = S extends InputSchema<infer T> ? T : never;

type Issues = ReadonlyArray<{ message: string; path: ReadonlyArray<PropertyKey>; code?: string }>;

const CJK = /[\u4e00-\u9fa5]/;

/** zod's own (English) messages, where a schema gave none, in Chinese; the field is named by the dispatcher. */
function chinese(issues: Issues): Issues {
  return issues.map((i) => {
    if (CJK.test(i.message)) return i;
    if (!i.path.length) return { ...i, message: '请求参数格式不正确' };
    return { ...i, message: /required|undefined/i.test(i.message) ? '缺少必填项' : '格式不正确' };
  });
}

/** The schema with Chinese messages guaranteed (for actions whose payload schema is declared here). */
export function zhInput<S extends z.core.$ZodType>(schema: S): DocumentedSchema<z.output<S>, z.input<S>> {
  type T = z.output<S>;
  return {
    base: schema,
    extra: {},
    safeParse(input: unknown): ReturnType<InputSchema<T>['safeParse']> {
      const r = (schema as unknown as InputSchema<T>).safeParse(input);
      return r.success ? r : { success: false as const, error: { issues: chinese(r.error.issues) } };
    },
  };
}

/** `schema` plus an optional `where` (device location). Unknown keys are stripped as by the schema itself. */
export function withWhere<S extends z.core.$ZodType>(schema: S): DocumentedSchema<z.output<S> & { where?: Where }, z.input<S> & { where?: Where }> {
  type T = z.output<S>;
  return {
    base: schema,
    extra: { where: whereSchema },
    safeParse(input: unknown): ReturnType<InputSchema<T & { where?: Where }>['safeParse']> {
      const r = zhInput(schema).safeParse(input);
      const raw = input && typeof input === 'object' ? (input as { where?: unknown }).where : undefined;
      const w = whereSchema.safeParse(raw);
      if (!r.success || !w.success) {
        const issues: Issues = [
          ...(r.success ? [] : r.error.issues),
          ...(w.success ? [] : w.error.issues.map((i) => ({ message: i.message, path: ['where', ...i.path] }))),
        ];
        return { success: false as const, error: { issues: chinese(issues) } };
      }
      const data = (w.data === undefined ? r.data : { ...(r.data as object), where: w.data }) as T & { where?: Where };
      return { success: true as const, data };
    },
  };
}
