/**
 * `meta.bootstrap` (categories, streets, communities, departments, subscribe templates…), fetched once per
 * session and shared by every page. A failed load is not cached, so the next call retries.
 */
import { callApi } from './cloud'
import type { Bootstrap } from '@domain/contract'

let pending: Promise<Bootstrap> | null = null

export function loadBootstrap(): Promise<Bootstrap> {
  if (!pending) {
    pending = callApi('meta.bootstrap', {}).catch((err: unknown) => {
      pending = null
      throw err
    })
  }
  return pending
}

/** Tests and the dev identity switcher: forget the cached reference data. */
export function resetBootstrap(): void {
  pending = null
}
