/**
 * The citizen's three tabs, once: app.config.ts builds `tabBar.list` from them and the custom tab bar
 * (src/custom-tab-bar, the WeChat build) draws them.
 */
export const TAB_COLOR = '#86909c'
export const TAB_SELECTED_COLOR = '#1677ff'

export const TABS = [
  { pagePath: 'pages/report/index', text: '随手拍', icon: 'report' },
  { pagePath: 'pages/cases/index', text: '我的诉求', icon: 'cases' },
  { pagePath: 'pages/me/index', text: '我的', icon: 'me' },
] as const

export const tabIcon = (icon: string, selected: boolean) => `assets/tabbar/${icon}${selected ? '-active' : ''}.png`

/** Which tab a page route ('pages/me/index', with or without a leading slash or query) is; -1: none. */
export function tabIndexOf(route: string | undefined): number {
  const path = (route ?? '').replace(/^\//, '').split('?')[0]
  return TABS.findIndex((t) => t.pagePath === path)
}
