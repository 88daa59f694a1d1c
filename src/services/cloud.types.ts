/** Types shared by every platform implementation of the cloud service. */

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
  callApi<T>(action: string, payload?: unknown): Promise<T>
  uploadFile(file: string | Blob, cloudPath: string, onProgress?: UploadProgress): Promise<string>
  devIdentities(): Promise<DevIdentity[]>
  devSetIdentity(openid: string | null): Promise<void>
  /** A URL an <Image> can show for a cloud fileID (weapp: the fileID itself; H5: a signed URL from local/). */
  tempFileUrl(fileID: string): Promise<string>
}

/** Answer of the `whoami` action (name/unitName are null for a caller without a staff record). */
export interface WhoAmI {
  openid: string
  roles: string[]
  name?: string | null
  unitName?: string | null
  /** this user's upload folder: photos must be uploaded under it */
  uploadDir?: string
}
