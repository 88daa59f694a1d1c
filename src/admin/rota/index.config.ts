export default definePageConfig({
  navigationBarTitleText: '巡查轮值排班',
})
