/**
 * Where this user's photos go. The server accepts as someone's photos only files under their own upload folder
 * (`uploads/<opaque id of the openid>`), which `whoami` names; it is asked once and kept for the session (a failed
 * ask is asked again next time; switching identity in the H5 dev switcher forgets it).
 */
import { ApiError } from './api-error'
import { callApi } from './cloud'


let pending: Promise<string> | null = null

export function myUploadDir(): Promise<string> {
  if (!pending) {
    pending = callApi('whoami').then(
      (me) => {
        if (typeof me?.uploadDir !== 'string' || !me.uploadDir) throw new ApiError('BAD_RESPONSE', '上传失败，请重试')
        return me.uploadDir
      },
      (err: unknown) => {
        pending = null
        throw err
      },
    )
    pending.catch(() => {
      pending = null
    })
  }
  return pending
}

/** Forget the folder (the identity changed). */
export function forgetUploadDir(): void {
  pending = null
}
