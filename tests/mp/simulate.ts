/**
 * Components of `taro build native-components` (dist/native) mounted in miniprogram-simulate with the official wcc:
 * the mini-program template engine and Taro's React runtime, as a phone runs them.
 */
import fs from 'node:fs'
import path from 'node:path'
import { NATIVE_DIR } from './builds'

// miniprogram-simulate registers global Component/Behavior/wx on load.
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const simulate = require('miniprogram-simulate') as {
  load(componentPath: string, tagName: string, options?: { rootPath?: string; compiler?: string }): string
  render(id: string, properties?: Record<string, unknown>): SimComponent
  sleep(ms: number): Promise<void>
}

export interface SimComponent {
  dom: HTMLElement
  instance: { data: { root?: RenderNode } }
  attach(parent: HTMLElement): void
  detach(): void
  setData(data: Record<string, unknown>): void
}

/** A node of Taro's render tree as sent to the template: `nn` names the template, `p<n>` its attributes. */
export interface RenderNode {
  nn: string
  cl?: string
  cn?: RenderNode[]
  [key: string]: unknown
}

const g = globalThis as unknown as Record<string, unknown>

/** Taro's native-component runtime asks for the page stack and the app; the simulator has neither. */
export function fakePageStack(route = 'pages/sim/index'): void {
  g.getCurrentPages = () => [{ route, options: {} }]
  g.getApp = () => ({})
}

// Load each component definition once: jest caches the built module, so a second load would not
// run its Component() call again.
const loaded = new Map<string, string>()
function definitionId(component: string): string {
  let id = loaded.get(component)
  if (!id) {
    id = simulate.load(path.join(NATIVE_DIR, component, 'index'), path.basename(component).toLowerCase(), { rootPath: NATIVE_DIR })
    loaded.set(component, id)
  }
  return id
}

/** Mounts `component` (a path under dist/native, e.g. 'components/StatusChip') with React props. */
export function mount(component: string, props: Record<string, unknown>): SimComponent {
  const comp = simulate.render(definitionId(component), { props })
  const parent = document.createElement('div')
  document.body.appendChild(parent)
  comp.attach(parent)
  return comp
}

/**
 * The attributes a built-in component receives, read through Taro's own template for it in base.wxml
 * (`<map markers="{{i.p17||[]}}" …>`): attribute name → the render-tree field that feeds it.
 */
export function templateAttributes(tag: string): { nn: string; attrs: Record<string, string> } {
  const wxml = fs.readFileSync(path.join(NATIVE_DIR, 'base.wxml'), 'utf8')
  const m = new RegExp(`<template name="tmpl_0_(\\w+)">\\s*<${tag} ([^>]*)>`).exec(wxml)
  if (!m) throw new Error(`no template for <${tag}> in dist/native/base.wxml`)
  const attrs: Record<string, string> = {}
  for (const a of m[2].matchAll(/([\w-]+)="\{\{(?:xs\.\w\()?i\.(\w+)/g)) attrs[a[1]] = a[2]
  return { nn: m[1], attrs }
}

/** Every node of the render tree, depth first. */
export function nodes(root: RenderNode | undefined): RenderNode[] {
  if (!root) return []
  return [root, ...(root.cn ?? []).flatMap(nodes)]
}
