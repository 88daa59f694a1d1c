export default definePageConfig({
  navigationBarTitleText: '疑难件看板',
  enablePullDownRefresh: true,
})
