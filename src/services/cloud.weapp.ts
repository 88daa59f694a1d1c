/** Mini-program implementation: wx.cloud through Taro.cloud. Cloud is initialised in app.ts. */
import Taro from '@tarojs/taro'
import { ApiError, networkError, unwrapEnvelope } from './api-error'
import type { ActionName, ApiOutput, CloudModule, DevIdentity, PayloadArg, UploadProgress } from './cloud-types'

export { ApiError } from './api-error'
export type { CloudModule, DevIdentity, UploadProgress } from './cloud-types'

/** Name of the single user-facing cloud function (one function, many actions). */
const API_FUNCTION = 'api'

export async function callApi<K extends ActionName>(action: K, ...[payload]: PayloadArg<K>): Promise<ApiOutput<K>> {
  let result: unknown
  try {
    const res = await Taro.cloud.callFunction({ name: API_FUNCTION, data: { action, payload } })
    result = (res as { result?: unknown }).result
  } catch {
    throw networkError()
  }
  return unwrapEnvelope<ApiOutput<K>>(result)
}

export async function uploadFile(file: string | Blob, cloudPath: string, onProgress?: UploadProgress): Promise<string> {
  if (typeof file !== 'string') throw new ApiError('BAD_FILE', '小程序内只能上传本地临时文件')
  let fileID: string
  try {
    const task = Taro.cloud.uploadFile({ cloudPath, filePath: file })
    if (onProgress && task && typeof (task as { onProgressUpdate?: unknown }).onProgressUpdate === 'function') {
      ;(task as unknown as { onProgressUpdate(cb: (r: { progress: number }) => void): void }).onProgressUpdate((r) =>
        onProgress(r.progress),
      )
    }
    const res = await task
    fileID = res.fileID
  } catch {
    throw networkError()
  }
  if (!fileID) throw new ApiError('UPLOAD_FAILED', '上传失败，请重试')
  return fileID
}

/** The dev role switcher exists only in the browser build against the local cloud. */
export function devIdentities(): Promise<DevIdentity[]> {
  return Promise.reject(new ApiError('DEV_ONLY', '仅开发环境（浏览器）可用'))
}

export function devSetIdentity(_openid: string | null): Promise<void> {
  return Promise.reject(new ApiError('DEV_ONLY', '仅开发环境（浏览器）可用'))
}

/** <Image> and previewImage accept cloud:// fileIDs directly in the mini-program. */
export function tempFileUrl(fileID: string): Promise<string> {
  return Promise.resolve(fileID)
}

const _contract: CloudModule = { callApi, uploadFile, devIdentities, devSetIdentity, tempFileUrl }
void _contract
