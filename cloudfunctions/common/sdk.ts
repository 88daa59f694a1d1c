/**
 * The one place functions initialise wx-server-sdk. In WeChat's cloud the env comes from the running function;
 * locally `local/` points the very same SDK at the embedded cloud through process.env (TCB_CONTEXT_CNFG).
 */
import cloud from 'wx-server-sdk';

let initialised = false;

export function sdk(): typeof cloud {
  if (!initialised) {
    cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });
    initialised = true;
  }
  return cloud;
}

/**
 * The SDK's database handle. Its published typings declare query results as `IQueryResult | void | string`,
 * so we type the handle loosely here and give the rest of the code typed helpers (see repos/).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Database = any;

let db: Database | null = null;

/**
 * One handle per instance: the SDK builds a new Database class on every `database()` call (slow, and it keeps its
 * call sites from being optimised); the handle resolves the current env on each request (DYNAMIC_CURRENT_ENV).
 */
export function database(): Database {
  if (!db) db = sdk().database();
  return db;
}
