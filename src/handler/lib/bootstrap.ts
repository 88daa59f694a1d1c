/** `meta.bootstrap` once per app session (reference data for pickers, SLA and check-in rules). */
import { callApi } from '@/services/cloud'
import type { Bootstrap } from './api.types'

let cached: Promise<Bootstrap> | null = null

export function loadBootstrap(): Promise<Bootstrap> {
  if (!cached) {
    cached = callApi<Bootstrap>('meta.bootstrap', {}).catch((err: unknown) => {
      cached = null // a failure is not remembered: the next caller asks again
      throw err
    })
  }
  return cached
}

/** Tests and the dev role switcher start from a clean slate. */
export function resetBootstrap(): void {
  cached = null
}
