/**
 * `geo.districtMap` (district, street and community boundaries), fetched once per session: the maps draw it and
 * the pin is located with it (`@domain/routing/routing-locate`). Kept out of `meta.bootstrap` on purpose.
 */
import { useEffect, useState } from 'react'
import type { DistrictGeo } from '@/components/DistrictMap/map-types'
import { callApi } from './cloud'

let pending: Promise<DistrictGeo> | null = null

export function loadDistrictMap(): Promise<DistrictGeo> {
  if (!pending) {
    pending = callApi('geo.districtMap', {}).catch((err: unknown) => {
      pending = null
      throw err
    })
  }
  return pending
}

export function resetDistrictMap(): void {
  pending = null
}

/** The boundaries, or null while loading; `error` when they could not be loaded (the forms still work without). */
export function useDistrictMap(): { geo: DistrictGeo | null; error: boolean } {
  const [state, setState] = useState<{ geo: DistrictGeo | null; error: boolean }>({ geo: null, error: false })
  useEffect(() => {
    let live = true
    loadDistrictMap().then(
      (geo) => live && setState({ geo, error: false }),
      () => live && setState({ geo: null, error: true }),
    )
    return () => {
      live = false
    }
  }, [])
  return state
}
