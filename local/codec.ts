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

/**
 * Decode a stored JSON string back to a JS value with real Dates. Plain `JSON.parse` plus an in-place walk only
 * when the text holds a `"$date"` key: a `JSON.parse` reviver costs several times the parse itself, and this
 * runs for every row a query examines.
 */
export function fromStored(json: string): Doc {
  const v = JSON.parse(json) as Doc;
  if (json.includes('"$date"')) return reviveDates(v) as Doc;
  return v;
}

/** `{"$date": ms}` (exactly that one key) → Date, in place; returns the (possibly replaced) value. */
function reviveDates(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const e = v[i];
      if (e !== null && typeof e === 'object') v[i] = reviveDates(e);
    }
    return v;
  }
  const o = v as Record<string, unknown>;
  let keys = 0;
  let date = false;
  for (const k in o) {
    keys++;
    if (k === '$date' && typeof o[k] === 'number') date = true;
    else {
      const e = o[k];
      if (e !== null && typeof e === 'object') o[k] = reviveDates(e);
    }
  }
  return date && keys === 1 ? new Date(o.$date as number) : o;
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

type ProjectionTree = { [k: string]: true | ProjectionTree };

/**
 * A fast inclusion projection (`{ a: 1, 'b.c': true, _id: 0 }`), MongoDB semantics: the document's own field
 * order, `_id` unless excluded, dotted paths descend into sub-documents and into every sub-document of an
 * array (scalars in such arrays are dropped), a scalar where a sub-document is expected is dropped. Returns
 * null for anything else (exclusions, operators, positional `$`, path collisions): the caller then uses mingo.
 * mingo's projection costs about 0.1 ms per document, most of a 1000-document page's time.
 */
export function compileProjection(projection: Record<string, unknown>): ((doc: Doc) => Doc) | null {
  const tree: ProjectionTree = {};
  let includeId = true;
  for (const [k, v] of Object.entries(projection)) {
    if (k === '_id' && (v === 0 || v === false)) {
      includeId = false;
      continue;
    }
    if (v !== 1 && v !== true) return null;
    if (!k || k.includes('$')) return null;
    const parts = k.split('.');
    let t = tree;
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i];
      if (!p) return null;
      const cur = t[p];
      if (i === parts.length - 1) {
        if (cur !== undefined) return null;
        t[p] = true;
      } else {
        if (cur === true) return null;
        t = t[p] = cur ?? {};
      }
    }
  }
  if (includeId && tree._id === undefined) tree._id = true;
  return (doc) => pickTree(doc, tree);
}

/**
 * An exclusion projection, possibly with `$slice` on array fields (MongoDB returns every other field then), as a
 * function; null when it is not one (dotted paths, inclusions, other operators: the general path answers those).
 */
export function compileExclusion(projection: Record<string, unknown>): ((doc: Doc) => Doc) | null {
  const drop: string[] = [];
  const slices: Array<[string, (a: unknown[]) => unknown[]]> = [];
  for (const [k, v] of Object.entries(projection)) {
    if (!k || k.includes('$') || k.split('.').some((p) => !p)) return null;
    if (v === 0 || v === false) drop.push(k);
    else if (k.includes('.')) return null;
    else if (isPlainObject(v) && Object.keys(v).length === 1 && '$slice' in v) {
      const arg = (v as { $slice: unknown }).$slice;
      if (typeof arg === 'number' && Number.isInteger(arg)) slices.push([k, (a) => (arg >= 0 ? a.slice(0, arg) : a.slice(Math.max(0, a.length + arg)))]);
      else if (Array.isArray(arg) && arg.length === 2 && arg.every((x) => Number.isInteger(x)) && (arg[1] as number) > 0) {
        const [skip, limit] = arg as [number, number];
        slices.push([k, (a) => {
          const from = skip >= 0 ? skip : Math.max(0, a.length + skip);
          return a.slice(from, from + limit);
        }]);
      } else return null;
    } else return null;
  }
  if (!slices.length && !drop.length) return null;
  return (doc) => {
    const out: Doc = { ...doc };
    for (const k of drop) dropPath(out, k.split('.'));
    for (const [k, cut] of slices) if (Array.isArray(out[k])) out[k] = cut(out[k] as unknown[]);
    return out;
  };
}

/** Remove `path` from `obj` (a copy of its own), copying the objects on the way rather than changing them. */
function dropPath(obj: Doc, path: string[]): void {
  const [head, ...rest] = path;
  if (!rest.length) {
    delete obj[head];
    return;
  }
  const next = obj[head];
  const without = (v: unknown) => {
    if (!isPlainObject(v)) return v;
    const copy = { ...(v as Doc) };
    dropPath(copy, rest);
    return copy;
  };
  // as MongoDB: a path through an array of documents leaves the field out of each of them
  if (Array.isArray(next)) obj[head] = next.map(without);
  else if (isPlainObject(next)) obj[head] = without(next);
}

function pickTree(obj: Record<string, unknown>, tree: ProjectionTree): Doc {
  const out: Doc = {};
  for (const k in obj) {
    const sub = tree[k];
    if (sub === undefined || !Object.prototype.hasOwnProperty.call(tree, k)) continue;
    const v = obj[k];
    if (v === undefined) continue;
    if (sub === true) out[k] = v;
    else if (Array.isArray(v)) out[k] = pickArray(v, sub);
    else if (isPlainObject(v)) out[k] = pickTree(v, sub);
  }
  return out;
}

function pickArray(arr: unknown[], tree: ProjectionTree): unknown[] {
  const out: unknown[] = [];
  for (const e of arr) {
    if (Array.isArray(e)) out.push(pickArray(e, tree));
    else if (isPlainObject(e)) out.push(pickTree(e, tree));
  }
  return out;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !isDate(v) && !(v instanceof RegExp);
}
