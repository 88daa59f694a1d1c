/** Pieces shared by the admin pages (inside the admin subpackage only). */
import { useCallback, useEffect, useRef, useState } from 'react'
import { Input, Text, View } from '@tarojs/components'
import Loading from '@/components/Loading'
import ErrorState from '@/components/ErrorState'
import { errorText } from '@/services/format'
import type { Bootstrap } from '@domain/contract'
import { neutralLabel } from '@domain/shared/format'
import './common.scss'
import { codeOf } from '@/components/ErrorState/errorKind'

export type Load<T> = { status: 'loading' } | { status: 'error'; message: string; code?: string } | { status: 'ready'; data: T }

export function useLoad<T>(fn: () => Promise<T>, deps: unknown[] = []) {
  const [state, setState] = useState<Load<T>>({ status: 'loading' })
  const ticket = useRef(0)
  const reload = useCallback(async (quiet = false) => {
    const mine = ++ticket.current
    if (!quiet) setState({ status: 'loading' })
    try {
      const data = await fn()
      if (mine === ticket.current) setState({ status: 'ready', data })
    } catch (err) {
      if (mine === ticket.current) setState({ status: 'error', message: errorText(err, '加载失败，请稍后重试'), code: codeOf(err) })
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps)
  useEffect(() => {
    void reload()
  }, [reload])
  return { state, reload }
}

/** Lists arrive as a bare array or as `{ items }` / `{ entries }`: accept both. */
export function asList<T>(answer: unknown, key = 'items'): T[] {
  if (Array.isArray(answer)) return answer as T[]
  const inner = (answer as Record<string, unknown> | null)?.[key]
  return Array.isArray(inner) ? (inner as T[]) : []
}

export function LoadGate<T>({ state, onRetry, children }: { state: Load<T>; onRetry: () => unknown; children: (data: T) => JSX.Element }) {
  if (state.status === 'loading') return <Loading />
  if (state.status === 'error') return <ErrorState message={state.message} code={state.code} onRetry={() => void onRetry()} />
  return children(state.data)
}

export function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <View className='lv-field'>
      <Text className='lv-label'>{label}</Text>
      {children}
    </View>
  )
}

export function TextField(props: { label: string; value: string; onChange: (v: string) => void; placeholder?: string; type?: 'text' | 'number' | 'digit' }) {
  return (
    <Field label={props.label}>
      <Input
        className='lv-input'
        type={props.type ?? 'text'}
        ariaLabel={props.label}
        placeholder={props.placeholder}
        value={props.value}
        onInput={(e) => props.onChange(e.detail.value)}
      />
    </Field>
  )
}

export function Chips<K extends string>(props: {
  options: { key: K; label: string }[]
  selected: K[] | K | ''
  onToggle: (key: K) => void
  label?: string
}) {
  const isOn = (k: K) => (Array.isArray(props.selected) ? props.selected.includes(k) : props.selected === k)
  return (
    <View className='lv-row'>
      {props.options.map((o) => (
        <View
          key={o.key}
          className={`lv-chip ${isOn(o.key) ? 'lv-chip--on' : ''}`}
          ariaRole='button'
          ariaLabel={`${props.label ?? ''}${o.label}${isOn(o.key) ? '（已选）' : ''}`}
          onClick={() => props.onToggle(o.key)}
        >
          <Text>{o.label}</Text>
        </View>
      ))}
    </View>
  )
}

export function ErrorLine({ error }: { error: string | null }) {
  return error ? (
    <View role='alert'>
      <Text className='lv-error'>{error}</Text>
    </View>
  ) : null
}

export function PrimaryButton({ text, busy, onClick }: { text: string; busy?: boolean; onClick: () => unknown }) {
  return (
    <View className='lv-actions'>
      <View
        className={`btn-primary ${busy ? 'btn-disabled' : ''}`}
        hoverClass='btn-primary--hover'
        ariaRole='button'
        ariaLabel={text}
        onClick={() => !busy && void onClick()}
      >
        <Text>{busy ? '正在保存…' : text}</Text>
      </View>
    </View>
  )
}

export { errorText }

/** Every kind of unit a person or a matter can belong to: district departments (not the command centre) and city-level units. */
export interface UnitOption {
  _id: string
  label: string
  kind: 'dept' | 'city'
}
export function unitsOf(boot: Pick<Bootstrap, 'departments' | 'cityUnits'>): UnitOption[] {
  return [
    ...boot.departments.filter((d) => d.kind !== 'command').map((d) => ({ _id: d._id, label: deptLabel(d), kind: 'dept' as const })),
    ...(boot.cityUnits ?? []).map((u) => ({ _id: u._id, label: `${u.name}（市直）`, kind: 'city' as const })),
  ]
}
/** A unit's name from the bootstrap (department, city unit, street); never the id. */
export function unitLabel(boot: Pick<Bootstrap, 'departments' | 'cityUnits' | 'streets'>, id: string | undefined): string {
  if (!id) return ''
  const d = boot.departments.find((x) => x._id === id)
  if (d) return deptLabel(d)
  const u = (boot.cityUnits ?? []).find((x) => x._id === id)
  if (u) return u.name
  return boot.streets.find((x) => x._id === id)?.name ?? neutralLabel(id)
}

/** A department's display name (full name when the bootstrap has it). */
export function deptLabel(d: { name: string; fullName?: string }): string {
  return d.fullName || d.name
}
