/**
 * Browser implementation: HTTP to the local cloud (local/), same origin as the H5 build.
 *   POST /api/fn/api             body = the event `{ action, payload }`, answer = the function's envelope
 *   POST /api/upload?cloudPath=… raw body, answer `{ fileID }`
 *   GET  /dev/identities         dev-only: the staff identities to switch between
 *   GET  /api/temp-url?fileID=…  answer `{ url }` (signed, expiring), for <Image>
 *   POST /dev/identity           dev-only: `{ openid }` (null = plain citizen); the server sets the session cookie
 */
import { ApiError, BAD_ANSWER_MESSAGE, networkError, unwrapEnvelope } from './api-error'
import type { ActionName, ApiOutput, CloudModule, DevIdentity, PayloadArg, UploadProgress } from './cloud-types'

export { ApiError } from './api-error'
export type { CloudModule, DevIdentity, UploadProgress } from './cloud-types'

async function request(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, { credentials: 'include', ...init })
  } catch {
    throw networkError()
  }
}

async function readJson(res: Response): Promise<unknown> {
  try {
    return await res.json()
  } catch {
    if (!res.ok) throw networkError()
    throw new ApiError('BAD_RESPONSE', BAD_ANSWER_MESSAGE)
  }
}

export async function callApi<K extends ActionName>(action: K, ...[payload]: PayloadArg<K>): Promise<ApiOutput<K>> {
  const res = await request('/api/fn/api', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ action, payload }),
  })
  // A function answers its envelope even for business errors; a non-JSON answer is a transport failure.
  const answer = await readJson(res)
  if (!res.ok && !(answer && typeof answer === 'object' && 'code' in answer)) {
    // The platform's own error (function missing or crashed), not an envelope.
    throw new ApiError('SERVER', '服务暂时不可用，请稍后重试')
  }
  return unwrapEnvelope<ApiOutput<K>>(answer)
}

export async function uploadFile(file: string | Blob, cloudPath: string, onProgress?: UploadProgress): Promise<string> {
  let body: Blob
  if (typeof file === 'string') {
    // A blob: URL from chooseImage on H5.
    const local = await request(file, { method: 'GET', credentials: 'same-origin' })
    body = await local.blob()
  } else {
    body = file
  }
  onProgress?.(0)
  const res = await request(`/api/upload?cloudPath=${encodeURIComponent(cloudPath)}`, {
    method: 'POST',
    headers: { 'Content-Type': body.type || 'application/octet-stream' },
    body,
  })
  const answer = (await readJson(res)) as { fileID?: unknown; code?: unknown; message?: unknown }
  if (!res.ok || typeof answer.fileID !== 'string') {
    const message = typeof answer.message === 'string' ? answer.message : '上传失败，请重试'
    // (local/ reports transport-level upload errors as { errMsg } in English: not shown to users.)
    throw new ApiError(typeof answer.code === 'string' ? answer.code : 'UPLOAD_FAILED', message)
  }
  onProgress?.(100)
  return answer.fileID
}

export async function devIdentities(): Promise<DevIdentity[]> {
  const res = await request('/dev/identities', { method: 'GET' })
  if (!res.ok) throw new ApiError('DEV_UNAVAILABLE', '开发身份切换不可用')
  // local/ answers `{ current, identities }`; a bare array is accepted too.
  const answer = (await readJson(res)) as unknown
  const list = Array.isArray(answer) ? answer : (answer as { identities?: unknown } | null)?.identities
  if (!Array.isArray(list)) throw new ApiError('BAD_RESPONSE', BAD_ANSWER_MESSAGE)
  // Entries without an openid stand for "no identity" (plain citizen): the switcher offers that itself.
  return (list as Partial<DevIdentity>[])
    .filter((item): item is DevIdentity => typeof item?.openid === 'string' && item.openid !== '')
    .map((item) => ({
      openid: item.openid,
      name: item.name || item.openid,
      roles: Array.isArray(item.roles) ? item.roles : [],
      unitName: item.unitName || undefined,
    }))
}

export async function devSetIdentity(openid: string | null): Promise<void> {
  const res = await request('/dev/identity', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ openid }),
  })
  if (!res.ok) throw new ApiError('DEV_UNAVAILABLE', '切换身份失败')
}

/** Signed download URL for a cloud fileID (GET /api/temp-url?fileID=… → { url }); https URLs pass through. */
export async function tempFileUrl(fileID: string): Promise<string> {
  if (/^https?:\/\//.test(fileID) || fileID.startsWith('blob:') || fileID.startsWith('data:')) return fileID
  const res = await request(`/api/temp-url?fileID=${encodeURIComponent(fileID)}`, { method: 'GET' })
  const answer = (await readJson(res)) as { url?: unknown }
  if (!res.ok || typeof answer?.url !== 'string') throw new ApiError('FILE_NOT_FOUND', '图片不存在或已删除')
  return answer.url
}

const _contract: CloudModule = { callApi, uploadFile, devIdentities, devSetIdentity, tempFileUrl }
void _contract
