/**
 * `cloud.openapi.*` at the protocol level. The SDK POSTs action `wx.openApi` as multipart/form-data
 * with `apiName` (e.g. "subscribeMessage.send") and `requestData` = a protobuf `CommApiData`
 * { apiType=1 (OPEN_API), openapiData { pairs: [KeyValuePair { key, value(JSON bytes) }] }, appid }.
 * It expects a raw protobuf `CommOpenApiResp` { respData(bytes), contentType, errorCode, httpCode }
 * back; respData is the WeChat JSON ({errcode, errmsg, ...}). Field numbers were read from
 * wx-server-sdk 4.0.2's src/protobuf/openapi.js.
 */

// ---- minimal protobuf wire codec (varint + length-delimited only: all these messages need)
function readVarint(buf: Buffer, pos: number): [number, number] {
  let result = 0;
  let shift = 0;
  for (;;) {
    const b = buf[pos++];
    result += (b & 0x7f) * 2 ** shift;
    if (!(b & 0x80)) return [result, pos];
    shift += 7;
  }
}
type Field = { no: number; wire: number; varint?: number; bytes?: Buffer };
export function decodeMessage(buf: Buffer): Field[] {
  const out: Field[] = [];
  let pos = 0;
  while (pos < buf.length) {
    const [tag, p1] = readVarint(buf, pos);
    pos = p1;
    const no = Math.floor(tag / 8);
    const wire = tag & 7;
    if (wire === 0) {
      const [v, p2] = readVarint(buf, pos);
      pos = p2;
      out.push({ no, wire, varint: v });
    } else if (wire === 2) {
      const [len, p2] = readVarint(buf, pos);
      out.push({ no, wire, bytes: buf.subarray(p2, p2 + len) });
      pos = p2 + len;
    } else if (wire === 5) {
      pos += 4;
    } else if (wire === 1) {
      pos += 8;
    } else throw new Error(`unsupported protobuf wire type ${wire}`);
  }
  return out;
}
function varint(n: number): Buffer {
  const bytes: number[] = [];
  let v = n;
  if (n < 0) {
    // negative int32 → 10-byte two's complement
    // encode as 64-bit two's complement using BigInt
    let b = BigInt.asUintN(64, BigInt(n));
    while (b > 0x7fn) {
      bytes.push(Number((b & 0x7fn) | 0x80n));
      b >>= 7n;
    }
    bytes.push(Number(b));
    return Buffer.from(bytes);
  }
  while (v > 0x7f) {
    bytes.push((v % 128) | 0x80);
    v = Math.floor(v / 128);
  }
  bytes.push(v);
  return Buffer.from(bytes);
}
function fieldBytes(no: number, data: Buffer): Buffer {
  return Buffer.concat([varint(no * 8 + 2), varint(data.length), data]);
}
function fieldVarint(no: number, v: number): Buffer {
  return Buffer.concat([varint(no * 8), varint(v)]);
}

export interface OpenApiCall {
  apiType: number;
  appid?: string;
  data: Record<string, unknown>;
}

/** Decode CommApiData → the API arguments (snake_case, as the SDK converted them). */
export function decodeCommApiData(buf: Buffer): OpenApiCall {
  const call: OpenApiCall = { apiType: 0, data: {} };
  for (const f of decodeMessage(buf)) {
    if (f.no === 1 && f.wire === 0) call.apiType = f.varint!;
    else if (f.no === 6 && f.bytes) call.appid = f.bytes.toString('utf8');
    else if (f.no === 2 && f.bytes) {
      for (const pair of decodeMessage(f.bytes)) {
        if (pair.no !== 1 || !pair.bytes) continue;
        let key = '';
        let value: Buffer = Buffer.alloc(0);
        for (const kv of decodeMessage(pair.bytes)) {
          if (kv.no === 1 && kv.bytes) key = kv.bytes.toString('utf8');
          else if (kv.no === 2 && kv.bytes) value = kv.bytes;
        }
        const text = value.toString('utf8');
        try {
          call.data[key] = JSON.parse(text);
        } catch {
          call.data[key] = text;
        }
      }
    }
  }
  return call;
}

/** Encode CommOpenApiResp carrying a JSON body. */
export function encodeOpenApiResp(body: unknown, errorCode = 0): Buffer {
  return Buffer.concat([
    fieldBytes(1, Buffer.from(JSON.stringify(body), 'utf8')),
    fieldBytes(2, Buffer.from('application/json', 'utf8')),
    ...(errorCode ? [fieldVarint(3, errorCode)] : []),
    fieldVarint(4, 200),
  ]);
}

// ---- the APIs we answer
export interface OutboxEntry {
  at: number;
  touser: string;
  templateId: string;
  page?: string;
  data: unknown;
  miniprogramState?: string;
  lang?: string;
}

export interface OpenApiDeps {
  now: () => number;
  recordOutbox: (e: OutboxEntry) => void;
  secCheck: { review: string[]; risky: string[] };
}

/** Answer one openapi call; returns the WeChat JSON body. */
export function answerOpenApi(apiName: string, data: Record<string, unknown>, deps: OpenApiDeps): Record<string, unknown> {
  switch (apiName) {
    case 'subscribeMessage.send': {
      if (typeof data.touser !== 'string' || !data.touser) return { errcode: 40003, errmsg: 'invalid openid (touser is required)' };
      if (typeof data.template_id !== 'string' || !data.template_id) return { errcode: 40037, errmsg: 'invalid template_id' };
      if (!data.data || typeof data.data !== 'object') return { errcode: 47003, errmsg: 'argument invalid! data is required' };
      deps.recordOutbox({
        at: deps.now(),
        touser: data.touser,
        templateId: data.template_id,
        page: typeof data.page === 'string' ? data.page : undefined,
        data: data.data,
        miniprogramState: typeof data.miniprogram_state === 'string' ? data.miniprogram_state : undefined,
        lang: typeof data.lang === 'string' ? data.lang : undefined,
      });
      return { errcode: 0, errmsg: 'ok', msgid: Math.floor(deps.now() * 10 + Math.random() * 10) };
    }
    case 'security.msgSecCheck': {
      const content = typeof data.content === 'string' ? data.content : '';
      if (Number(data.version) !== 2) return { errcode: 47001, errmsg: 'data format error: local cloud answers msgSecCheck v2 only (version: 2, openid, scene)' };
      if (!data.openid || !data.scene) return { errcode: 47001, errmsg: 'data format error: openid and scene are required' };
      if (content.length > 2500) return { errcode: 47001, errmsg: 'data format error: content longer than 2500 characters' };
      const risky = deps.secCheck.risky.filter((w) => w && content.includes(w));
      const review = deps.secCheck.review.filter((w) => w && content.includes(w));
      const suggest = risky.length ? 'risky' : review.length ? 'review' : 'pass';
      const label = suggest === 'pass' ? 100 : 21000;
      const hits = risky.length ? risky : review;
      return {
        errcode: 0,
        errmsg: 'ok',
        result: { suggest, label },
        detail: [{ strategy: 'keyword', errcode: 0, suggest, label, level: suggest === 'pass' ? 0 : 90, keyword: hits[0] ?? '', prob: suggest === 'pass' ? 0 : 90 }],
        trace_id: `local-${deps.now()}`,
      };
    }
    default:
      return { errcode: 48001, errmsg: `api unauthorized: openapi.${apiName} is not implemented by the local cloud (only subscribeMessage.send and security.msgSecCheck)` };
  }
}

/** Minimal multipart/form-data parser (the SDK's form for wx.openApi). */
export function parseMultipart(body: Buffer, contentType: string): Record<string, Buffer> {
  const m = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  if (!m) throw new Error('multipart boundary missing');
  const boundary = Buffer.from(`--${m[1] ?? m[2]}`);
  const out: Record<string, Buffer> = {};
  let pos = body.indexOf(boundary);
  while (pos >= 0) {
    const start = pos + boundary.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    const headerEnd = body.indexOf('\r\n\r\n', start);
    if (headerEnd < 0) break;
    const headers = body.subarray(start, headerEnd).toString('utf8');
    const next = body.indexOf(boundary, headerEnd + 4);
    if (next < 0) break;
    const content = body.subarray(headerEnd + 4, next - 2); // strip CRLF before boundary
    const nm = /name="([^"]*)"/i.exec(headers);
    if (nm) out[nm[1]] = content;
    pos = next;
  }
  return out;
}
