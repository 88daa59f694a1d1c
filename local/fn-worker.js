/* eslint-disable */
// One warm instance of one cloud function (plain CommonJS: runs in a worker_thread).
// The parent sends one invocation at a time; its WeChat context goes into process.env
// (worker_threads give each worker its own copy of process.env), as on the cloud.
'use strict';
const { parentPort, workerData } = require('node:worker_threads');

const baseEnv = workerData.env || {};
for (const [k, v] of Object.entries(baseEnv)) process.env[k] = v;
let invocationKeys = [];

process.on('unhandledRejection', (reason) => {
  console.error(`[local cloud] ${workerData.name}: unhandled rejection:`, reason);
});

let mod = null;
let loadError = null;
try {
  mod = require(workerData.entry);
} catch (err) {
  loadError = err;
}

parentPort.on('message', async (msg) => {
  if (msg.type !== 'invoke') return;
  for (const k of invocationKeys) delete process.env[k];
  invocationKeys = Object.keys(msg.env);
  for (const [k, v] of Object.entries(msg.env)) process.env[k] = v;
  const started = Date.now();
  try {
    if (loadError) throw loadError;
    const main = mod && (mod.main || (mod.default && mod.default.main));
    if (typeof main !== 'function') throw new Error(`${workerData.name}/index.js does not export main(event, context)`);
    const context = {
      callbackWaitsForEmptyEventLoop: false,
      memory_limit_in_mb: 256,
      time_limit_in_ms: workerData.timeoutMs,
      request_id: msg.requestId,
      function_name: workerData.name,
      function_version: '$LATEST',
      namespace: process.env.TCB_ENV,
      environ: Object.entries(msg.env).map(([k, v]) => `${k}=${v}`).join(';'),
      environment: JSON.stringify(msg.env),
    };
    const result = await main(msg.event, context);
    let json;
    try {
      json = result === undefined ? undefined : JSON.stringify(result);
    } catch (e) {
      throw new Error(`return value is not JSON-serialisable: ${e.message}`);
    }
    parentPort.postMessage({ type: 'result', id: msg.id, ok: true, json, ms: Date.now() - started });
  } catch (err) {
    const e = err instanceof Error ? err : new Error(typeof err === 'string' ? err : JSON.stringify(err));
    parentPort.postMessage({
      type: 'result', id: msg.id, ok: false, ms: Date.now() - started,
      error: { name: e.name, message: e.message, stack: e.stack, errCode: err && err.errCode, errMsg: err && err.errMsg },
    });
  }
});
parentPort.postMessage({ type: 'ready' });
