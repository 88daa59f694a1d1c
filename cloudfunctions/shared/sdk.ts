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

export function database() {
  return sdk().database();
}
