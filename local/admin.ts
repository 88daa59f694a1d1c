/**
 * The `/admin` protocol: every request of the real wx-server-sdk (via @cloudbase/node-sdk) is a
 * POST with an `action` field. Replies are `{ requestId, data: {...} }` (transaction start:
 * `{ requestId, transactionId }`) or, on error, `{ code, message, requestId }` — the SDK turns
 * `code` into its usual errors (e.g. DATABASE_COLLECTION_NOT_EXIST → errCode -502005).
 */
import { parseWire, toWire, type Doc } from './codec';
import { CloudError, Codes, collectionNotExist } from './errors';
import type { Store, Direction } from './store';
import type { TransactionManager } from './transactions';
import type { StorageService } from './storage';
import type { FunctionRuntime, InvokeContext } from './functions';
import { answerOpenApi, decodeCommApiData, encodeOpenApiResp, type OpenApiDeps } from './openapi';
import { randomHex } from './random';

export const MAX_LIMIT = 1000;
export const DEFAULT_LIMIT = 100;

export interface AdminDeps {
  store: Store;
  txns: TransactionManager;
  storage: StorageService;
  functions: FunctionRuntime;
  openapi: OpenApiDeps;
  now: () => number;
}

export type AdminReply = { kind: 'json'; body: unknown } | { kind: 'raw'; body: Buffer; contentType: string };

const rid = () => randomHex(16);

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

export async function handleAdmin(params: Record<string, unknown>, deps: AdminDeps): Promise<AdminReply> {
  const requestId = rid();
  const action = str(params.action);
  try {
    if (action.startsWith('database.')) return { kind: 'json', body: { requestId, ...database(action, params, deps) } };
    if (action.startsWith('storage.')) return { kind: 'json', body: { requestId, ...storage(action, params, deps) } };
    if (action === 'functions.invokeFunction') return { kind: 'json', body: { requestId, ...(await invoke(params, deps)) } };
    if (action === 'wx.openApi') return openApi(params, deps);
    throw new CloudError(Codes.INVALID_PARAM, `local cloud: action ${action || '(none)'} is not supported`);
  } catch (err) {
    if (err instanceof CloudError) return { kind: 'json', body: err.toReply(requestId) };
    return { kind: 'json', body: { code: Codes.SYS_ERR, message: `local cloud internal error: ${(err as Error)?.message ?? String(err)}`, requestId } };
  }
}

// ------------------------------------------------------------------ database
function database(action: string, p: Record<string, unknown>, deps: AdminDeps): Record<string, unknown> {
  const { store, txns, now } = deps;
  const coll = str(p.collectionName);
  const txnId = str(p.transactionId);
  const parse = (v: unknown) => parseWire(v, now) as Doc;
  const needColl = () => {
    if (!coll) throw new CloudError(Codes.INVALID_PARAM, 'collectionName is required');
    if (!store.hasCollection(coll)) throw collectionNotExist(coll);
  };
  const docQuery = (): unknown => {
    const q = parse(p.query) ?? {};
    if (!('_id' in q)) throw new CloudError(Codes.INVALID_PARAM, 'document query must name _id');
    return q._id;
  };
  const inTxnSingleDocOnly = () => {
    if (txnId && p.queryType !== 'DOC') {
      throw new CloudError(Codes.DATABASE_REQUEST_FAILED, '[InvalidOperation] transactions only support single-document operations: doc().get/update/set/remove and add');
    }
  };

  switch (action) {
    case 'database.startTransaction':
      return { transactionId: txns.start() };
    case 'database.commitTransaction':
      txns.commit(str(p.transactionId));
      return {};
    case 'database.abortTransaction':
      txns.abort(str(p.transactionId));
      return {};
    case 'database.insertDocument': {
      needColl();
      const data = Array.isArray(p.data) ? p.data : [p.data];
      const docs = data.map((d) => parse(d));
      if (txnId) {
        if (docs.length !== 1) throw new CloudError(Codes.DATABASE_REQUEST_FAILED, '[InvalidOperation] transactions only support inserting one document at a time');
        return { data: { insertedIds: [txns.insert(txnId, coll, docs[0])] } };
      }
      return { data: { insertedIds: store.insert(coll, docs) } };
    }
    case 'database.getDocument': {
      needColl();
      inTxnSingleDocOnly();
      const projection = p.projection ? parse(p.projection) : undefined;
      if (txnId) {
        const doc = txns.get_(txnId, coll, docQuery());
        const list = doc ? [project(store, doc, projection)] : [];
        return { data: { list: list.map((d) => toWire(d)) } };
      }
      const query = parse(p.query) ?? {};
      const sort = p.order ? (parse(p.order) as Record<string, Direction>) : undefined;
      let limit = typeof p.limit === 'number' ? p.limit : DEFAULT_LIMIT;
      if (limit > MAX_LIMIT) limit = MAX_LIMIT;
      if (limit <= 0) limit = DEFAULT_LIMIT;
      const skip = typeof p.offset === 'number' && p.offset > 0 ? p.offset : 0;
      const docs = store.find(coll, query, { sort, skip, limit, projection });
      return { data: { list: docs.map((d) => toWire(d)) }, limit, offset: skip };
    }
    case 'database.calculateDocument': {
      needColl();
      return { data: { total: store.count(coll, parse(p.query) ?? {}) } };
    }
    case 'database.modifyDocument': {
      needColl();
      inTxnSingleDocOnly();
      const data = parse(p.data) ?? {};
      const merge = p.merge !== false;
      const upsert = p.upsert === true;
      if (txnId) {
        const r = txns.modify(txnId, coll, docQuery(), data, merge, upsert);
        return { data: { updated: r.updated, upsert_id: r.upsertedId } };
      }
      const query = parse(p.query) ?? {};
      const hasOps = Object.keys(data).some((k) => k.startsWith('$'));
      const r = store.update(coll, query, data, { multi: p.multi === true, upsert, replace: !merge && !hasOps });
      return { data: { updated: r.modified, upsert_id: r.upsertedId } };
    }
    case 'database.modifyAndReturnDoc': {
      needColl();
      inTxnSingleDocOnly();
      const query = parse(p.query) ?? {};
      const data = parse(p.data) ?? {};
      const before = store.findOne(coll, query);
      if (!before) return { data: { updated: 0, doc: null } };
      const r = store.update(coll, { _id: before._id }, data, {});
      return { data: { updated: r.modified, doc: toWire(store.findOne(coll, { _id: before._id })) } };
    }
    case 'database.removeDocument': {
      needColl();
      inTxnSingleDocOnly();
      if (txnId) return { data: { deleted: txns.remove(txnId, coll, docQuery()) } };
      return { data: { deleted: store.remove(coll, parse(p.query) ?? {}, { multi: p.multi === true }) } };
    }
    case 'database.aggregateDocuments':
    case 'database.aggregate': {
      needColl();
      const stages = Array.isArray(p.stages) ? (p.stages as Array<{ stageKey: string; stageValue: string }>) : [];
      const pipeline = stages.map((s) => ({ [s.stageKey]: parseWire(s.stageValue, now) }));
      const docs = store.aggregate(coll, pipeline as Doc[]);
      return { data: { list: docs.map((d) => toWire(d)) } };
    }
    case 'database.addCollection': {
      store.createCollection(coll);
      return { data: {} };
    }
    default:
      throw new CloudError(Codes.INVALID_PARAM, `local cloud: ${action} is not supported`);
  }
}

function project(store: Store, doc: Doc, projection?: Doc): Doc {
  if (!projection || !Object.keys(projection).length) return doc;
  return store.projectOne(doc, projection);
}

// ------------------------------------------------------------------ storage
function storage(action: string, p: Record<string, unknown>, deps: AdminDeps): Record<string, unknown> {
  const s = deps.storage;
  switch (action) {
    case 'storage.getUploadMetadata':
      // an upload from inside a function is owned by the user who invoked it (as on the cloud)
      return { data: s.uploadMetadata(str(p.path), deps.functions.tokens.get(str(p.wxCloudApiToken))?.openid) };
    case 'storage.batchGetDownloadUrl': {
      const list = Array.isArray(p.file_list) ? (p.file_list as Array<{ fileid: string; max_age?: number }>) : [];
      return { data: { download_list: list.map((f) => s.downloadUrl(f.fileid, f.max_age)) } };
    }
    case 'storage.batchDeleteFile': {
      const list = Array.isArray(p.fileid_list) ? (p.fileid_list as string[]) : [];
      return { data: { delete_list: list.map((id) => s.remove(id)) } };
    }
    default:
      throw new CloudError(Codes.INVALID_PARAM, `local cloud: ${action} is not supported`);
  }
}

// ------------------------------------------------------------------ functions
async function invoke(p: Record<string, unknown>, deps: AdminDeps): Promise<Record<string, unknown>> {
  const name = str(p.function_name);
  let event: unknown = {};
  if (typeof p.request_data === 'string' && p.request_data) {
    try {
      event = JSON.parse(p.request_data);
    } catch {
      throw new CloudError(Codes.INVALID_PARAM, 'request_data is not JSON');
    }
  }
  // A call from inside a function carries that invocation's token (WX_API_TOKEN → wxCloudApiToken):
  // the callee keeps the caller's user identity and SOURCE gains ",scf" (as documented for the cloud).
  const caller = deps.functions.tokens.get(str(p.wxCloudApiToken));
  const ctx: InvokeContext = caller
    ? { openid: caller.openid, appid: caller.appid, unionid: caller.unionid, source: `${caller.source ?? 'wx_client'},scf` }
    : { source: 'scf' };
  const json = await deps.functions.invoke(name, event, ctx);
  return { data: { response_data: json ?? '' } };
}

// ------------------------------------------------------------------ openapi
function openApi(p: Record<string, unknown>, deps: AdminDeps): AdminReply {
  const apiName = str(p.apiName);
  const raw = p.requestData;
  const buf = Buffer.isBuffer(raw) ? raw : Buffer.from(typeof raw === 'string' ? raw : '', 'binary');
  const call = decodeCommApiData(buf);
  const body = answerOpenApi(apiName, call.data, deps.openapi);
  return { kind: 'raw', body: encodeOpenApiResp(body), contentType: 'application/octet-stream' };
}
