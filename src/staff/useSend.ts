import { useCallback, useState } from 'react'
import { callApi } from '@/services/cloud'
import { errorCode, errorText } from './format'
import { toast } from './ui'

/**
 * Sending a mutation from a detail screen (handler case, department call): busy flag, inline form error, a toast on
 * success and a reload; on VERSION_CONFLICT (someone else changed it first) the open sheet closes and the detail reloads.
 */
export function useSend(reload: () => Promise<unknown>, conflictText: string, onConflict: () => void) {
  const [busy, setBusy] = useState(false)
  const [formError, setFormError] = useState('')
  const send = useCallback(
    async (action: string, payload: Record<string, unknown>, done: string): Promise<boolean> => {
      setBusy(true)
      setFormError('')
      try {
        await callApi(action, payload)
        toast(done, 'success')
        await reload()
        return true
      } catch (err) {
        if (errorCode(err) === 'VERSION_CONFLICT') {
          toast(conflictText)
          onConflict()
          await reload()
        } else {
          setFormError(errorText(err))
        }
        return false
      } finally {
        setBusy(false)
      }
    },
    [reload, conflictText, onConflict],
  )
  return { busy, formError, setFormError, send }
}
