/**
 * Value codecs used by the local cloud.
 *
 * - Stored form (SQLite `doc` column): plain JSON where a Date is `{"$date": <ms>}`.
 *   Everything else (numbers, strings, GeoJSON objects, arrays) is stored as is.
 * - Wire form: MongoDB Extended JSON (canonical) as the SDK sends it; parsed with the
 *   SDK's own `bson` EJSON implementation so the two sides agree exactly.
 */
import { EJSON } from 'bson';

export type Doc = Record<string, unknown>;

/** Realm-safe Date check (jest runs modules in a separate realm from Node's structuredClone etc.). */
export function isDate(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === '[object Date]';
}

/** Deep copy of a stored-shape value (plain objects, arrays, Dates, RegExps). */
export function cloneDoc<T>(v: T): T {
  if (v === null || typeof v !== 'object') return v;
  if (isDate(v)) return new Date(v.getTime()) as T;
  if (v instanceof RegExp) return new RegExp(v.source, v.flags) as T;
  if (Array.isArray(v)) return v.map(cloneDoc) as T;
  const out: Record<string, unknown> = {};
  for (const k in v as Record<string, unknown>) out[k] = cloneDoc((v as Record<string, unknown>)[k]);
  return out as T;
}

/** Encode a JS value (with real Dates) to the stored JSON string. */
export function toStored(doc: unknown): string {
  return JSON.stringify(encodeDates(doc));
}

function encodeDates(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (isDate(v)) return { $date: v.getTime() };
  if (Array.isArray(v)) {
    let out: unknown[] | null = null;
    for (let i = 0; i < v.length; i++) {
      const e = encodeDates(v[i]);
      if (e !== v[i]) {
        if (!out) out = v.slice();
        out[i] = e;
      }
    }
    return out ?? v;
  }
  const o = v as Record<string, unknown>;
  let out: Record<string, unknown> | null = null;
  for (const k in o) {
    const val = o[k];
    if (val !== null && typeof val === 'object') {
      const e = encodeDates(val);
      if (e !== val) {
        if (!out) out = { ...o };
        out[k] = e;
      }
    }
  }
  return out ?? o;
}

/** Decode a stored JSON string back to a JS value with real Dates. */
export function fromStored(json: string): Doc {
  return JSON.parse(json, reviveDate) as Doc;
}

function reviveDate(_key: string, value: unknown): unknown {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const o = value as Record<string, unknown>;
    if (typeof o.$date === 'number') {
      // exactly one key → a date
      for (const k in o) if (k !== '$date') return value;
      return new Date(o.$date);
    }
  }
  return value;
}

/** Parse an EJSON string (or object) from the SDK; `$tcb_server_date` → the cloud's now + offset. */
export function parseWire(input: unknown, now: () => number): unknown {
  if (input === undefined || input === null || input === '') return input;
  const value = typeof input === 'string' ? EJSON.parse(input, { relaxed: true }) : EJSON.deserialize(input as Doc, { relaxed: true });
  return normalize(value, now);
}

/** BSON wrapper values (from EJSON.parse) → plain JS; server dates resolved. */
function normalize(v: unknown, now: () => number): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (isDate(v)) return v;
  if (Array.isArray(v)) return v.map((e) => normalize(e, now));
  const anyV = v as { _bsontype?: string } & Record<string, unknown>;
  if (anyV._bsontype) {
    switch (anyV._bsontype) {
      case 'BSONRegExp': {
        const r = v as unknown as { pattern: string; options: string };
        return new RegExp(r.pattern, r.options.replace(/[^gimsuy]/g, ''));
      }
      case 'ObjectId':
      case 'ObjectID':
        return (v as unknown as { toHexString(): string }).toHexString();
      case 'Long':
      case 'Int32':
      case 'Double':
      case 'Decimal128':
        return Number((v as unknown as { toString(): string }).toString());
      default:
        return String(v);
    }
  }
  const o = v as Record<string, unknown>;
  if ('$tcb_server_date' in o && Object.keys(o).length === 1) {
    const spec = o.$tcb_server_date as { offset?: number } | null;
    const offset = spec && typeof spec.offset === 'number' ? spec.offset : 0;
    return new Date(now() + offset);
  }
  const out: Record<string, unknown> = {};
  for (const k in o) out[k] = normalize(o[k], now);
  return out;
}

/** Encode a JS value for the SDK (canonical EJSON string, as the cloud answers). */
export function toWire(doc: unknown): string {
  return EJSON.stringify(prepareForEjson(doc) as Doc, { relaxed: false });
}

function prepareForEjson(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (isDate(v)) return v;
  if (v instanceof RegExp) return v;
  if (Array.isArray(v)) return v.map(prepareForEjson);
  const out: Record<string, unknown> = {};
  for (const [k, val] of Object.entries(v as Record<string, unknown>)) {
    if (val !== undefined) out[k] = prepareForEjson(val);
  }
  return out;
}
