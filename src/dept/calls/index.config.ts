export default definePageConfig({
  navigationBarTitleText: '部门呼叫',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
