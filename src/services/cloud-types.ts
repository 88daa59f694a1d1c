/** Types shared by every platform implementation of the cloud service. */
import type { ActionName, ApiInput, ApiOutput } from '@domain/contract'

export type { ActionName, ApiInput, ApiOutput }

/**
 * The payload argument of `callApi(action, …)`: the action's input as the contract's schema accepts it (zod's input
 * type: fields with defaults optional); optional when the schema accepts an empty object.
 */
export type PayloadArg<K extends ActionName> = {} extends ApiInput<K> ? [payload?: ApiInput<K>] : [payload: ApiInput<K>]

/** Upload progress in percent (0–100). */
export type UploadProgress = (percent: number) => void

/** A staff identity offered by the local cloud's dev-only role switcher (H5 only). */
export interface DevIdentity {
  openid: string
  name: string
  roles: string[]
  unitName?: string
}

/** The shape each platform file (cloud.weapp.ts, cloud.h5.ts) must export. */
export interface CloudModule {
  callApi<K extends ActionName>(action: K, ...payload: PayloadArg<K>): Promise<ApiOutput<K>>
  uploadFile(file: string | Blob, cloudPath: string, onProgress?: UploadProgress): Promise<string>
  devIdentities(): Promise<DevIdentity[]>
  devSetIdentity(openid: string | null): Promise<void>
  /** A URL an <Image> can show for a cloud fileID (weapp: the fileID itself; H5: a signed URL from local/). */
  tempFileUrl(fileID: string): Promise<string>
}
