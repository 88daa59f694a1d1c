/**
 * Mini-program app.json. Main package = citizen mode (tabBar); one subpackage per staff role.
 * `taro build native-components` also reads this file: it then needs `components` (the shared widgets
 * to emit as native components) and ignores pages; the normal build leaves `components` out.
 */
import { TABS, TAB_COLOR, TAB_SELECTED_COLOR, tabIcon } from './custom-tab-bar/tabs'

const isNativeComponents = typeof process !== 'undefined' && process.argv.includes('native-components')
const isWeapp = typeof process !== 'undefined' && process.env.TARO_ENV === 'weapp'

export default defineAppConfig({
  pages: ['pages/report/index', 'pages/cases/index', 'pages/me/index', 'pages/case/index', 'pages/bind/index'],
  subPackages: [
    { root: 'handler', name: 'handler', pages: ['inbox/index', 'case/index', 'call/index'] },
    { root: 'dept', name: 'dept', pages: ['calls/index', 'call/index'] },
    {
      root: 'lead',
      name: 'lead',
      pages: ['board/index', 'decide/index', 'triage/index', 'stats/index', 'drill/index', 'rank/index', 'patterns/index'],
    },
    { root: 'admin', name: 'admin', pages: ['index/index', 'categories/index', 'staff/index', 'rota/index', 'rules/index', 'health/index', 'import/index'] },
  ],
  ...(isNativeComponents ? { components: ['components/StatusChip/index', 'components/Countdown/index', 'components/DistrictMap/index', 'custom-tab-bar/index'] } : {}),
  window: {
    backgroundTextStyle: 'light',
    backgroundColor: '#f5f6f8',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: '一线处置',
    navigationBarTextStyle: 'black',
  },
  tabBar: {
    // WeChat: our own tab bar (src/custom-tab-bar), whose text and icons grow in 大字 / 特大字; H5 keeps Taro's, which
    // grows with the page zoom (Taro's H5 router draws no custom tab bar)
    custom: isWeapp,
    color: TAB_COLOR,
    selectedColor: TAB_SELECTED_COLOR,
    backgroundColor: '#ffffff',
    borderStyle: 'white',
    list: TABS.map((t) => ({ pagePath: t.pagePath, text: t.text, iconPath: tabIcon(t.icon, false), selectedIconPath: tabIcon(t.icon, true) })),
  },
  requiredPrivateInfos: ['chooseLocation', 'getLocation'],
  permission: {
    'scope.userLocation': {
      desc: '用于确定问题发生的位置，以便派给属地街镇和责任部门处理',
    },
  },
  __usePrivacyCheck__: true,
  lazyCodeLoading: 'requiredComponents',
})
