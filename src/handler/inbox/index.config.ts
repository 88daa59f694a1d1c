export default definePageConfig({
  navigationBarTitleText: '一线处置',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
