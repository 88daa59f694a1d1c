/**
 * Mini-program app.json. Main package = citizen mode (tabBar); one subpackage per staff role.
 * `taro build native-components` also reads this file: it then needs `components` (the shared widgets
 * to emit as native components) and ignores pages; the normal build leaves `components` out.
 */
const isNativeComponents = typeof process !== 'undefined' && process.argv.includes('native-components')

const BRAND = '#1677ff'

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
  ...(isNativeComponents ? { components: ['components/StatusChip/index', 'components/Countdown/index'] } : {}),
  window: {
    backgroundTextStyle: 'light',
    backgroundColor: '#f5f6f8',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: '一线处置',
    navigationBarTextStyle: 'black',
  },
  tabBar: {
    color: '#86909c',
    selectedColor: BRAND,
    backgroundColor: '#ffffff',
    borderStyle: 'white',
    list: [
      {
        pagePath: 'pages/report/index',
        text: '随手拍',
        iconPath: 'assets/tabbar/report.png',
        selectedIconPath: 'assets/tabbar/report-active.png',
      },
      {
        pagePath: 'pages/cases/index',
        text: '我的诉求',
        iconPath: 'assets/tabbar/cases.png',
        selectedIconPath: 'assets/tabbar/cases-active.png',
      },
      {
        pagePath: 'pages/me/index',
        text: '我的',
        iconPath: 'assets/tabbar/me.png',
        selectedIconPath: 'assets/tabbar/me-active.png',
      },
    ],
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
