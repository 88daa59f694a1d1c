import { useCallback, useState } from 'react'
import { callApi } from '@/services/cloud'
import type { ActionName, ApiInput } from '@domain/contract'
import { errorCode, errorText } from './format'
import { toast } from './ui'

/**
 * A form's submit: busy while `work` runs, and the red line when it fails — `explain(err)` when it says something
 * (null: handled, no line), else the error's own text or `fallback`. Resolves true when `work` went through.
 */
export function useSubmit() {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  const submit = useCallback(
    async (work: () => Promise<unknown>, fallback = '提交失败，请重试', explain?: (err: unknown) => string | null | undefined | Promise<string | null | undefined>): Promise<boolean> => {
      setBusy(true)
      setError('')
      try {
        await work()
        return true
      } catch (err) {
        const said = await explain?.(err)
        if (said !== null) setError(said ?? errorText(err, fallback))
        return false
      } finally {
        setBusy(false)
      }
    },
    [],
  )
  return { busy, error, setError, submit }
}

/**
 * Sending a mutation from a detail screen (handler case, department call): busy flag, inline form error, a toast on
 * success and a reload; on VERSION_CONFLICT (someone else changed it first) the open sheet closes and the detail reloads.
 */
export function useSend(reload: () => Promise<unknown>, conflictText: string, onConflict: () => void) {
  const { busy, error: formError, setError: setFormError, submit } = useSubmit()
  const send = useCallback(
    (action: ActionName, payload: Record<string, unknown>, done: string): Promise<boolean> =>
      submit(
        async () => {
          await callApi(action, payload as ApiInput<typeof action>)
          toast(done, 'success')
          await reload()
        },
        '操作失败，请稍后重试',
        async (err) => {
          if (errorCode(err) !== 'VERSION_CONFLICT') return undefined
          toast(conflictText)
          onConflict()
          await reload()
          return null
        },
      ),
    [submit, reload, conflictText, onConflict],
  )
  return { busy, formError, setFormError, send }
}
