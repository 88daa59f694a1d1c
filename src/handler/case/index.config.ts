export default definePageConfig({
  navigationBarTitleText: '事项办理',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
