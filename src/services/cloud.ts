/**
 * The only door from the app to the cloud.
 *
 * Taro resolves `@/services/cloud` to the platform file first: `cloud.weapp.ts` (wx.cloud) in the
 * mini-program, `cloud.h5.ts` (fetch to the local cloud) in the browser. This file is what TypeScript
 * and non-Taro tools see; it holds the contract and answers on any other platform with a clear error.
 *
 *   callApi(action, payload?)               → data of `{ code: 0, data }` typed by the API contract (@domain/contract:
 *                                             the payload is the action's input, the answer its output), or throws ApiError
 *   uploadFile(localPath | File, cloudPath) → fileID
 *   tempFileUrl(fileID)                     → a URL <Image> can show (weapp: the fileID; H5: signed URL)
 *   devIdentities() / devSetIdentity()      → H5 only: the local cloud's dev role switcher
 */
import { ApiError } from './api-error'
import type { ActionName, ApiOutput, CloudModule, DevIdentity, PayloadArg, UploadProgress } from './cloud-types'

export { ApiError } from './api-error'
export type { CloudModule, DevIdentity, UploadProgress } from './cloud-types'

function unsupported(): ApiError {
  return new ApiError('UNSUPPORTED_PLATFORM', `当前平台（${process.env.TARO_ENV ?? '未知'}）不支持云服务`)
}

export function callApi<K extends ActionName>(_action: K, ..._payload: PayloadArg<K>): Promise<ApiOutput<K>> {
  return Promise.reject(unsupported())
}

export function uploadFile(_file: string | Blob, _cloudPath: string, _onProgress?: UploadProgress): Promise<string> {
  return Promise.reject(unsupported())
}

export function devIdentities(): Promise<DevIdentity[]> {
  return Promise.reject(unsupported())
}

export function devSetIdentity(_openid: string | null): Promise<void> {
  return Promise.reject(unsupported())
}

export function tempFileUrl(_fileID: string): Promise<string> {
  return Promise.reject(unsupported())
}

const _contract: CloudModule = { callApi, uploadFile, devIdentities, devSetIdentity, tempFileUrl }
void _contract
