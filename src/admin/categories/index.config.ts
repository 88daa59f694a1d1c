export default definePageConfig({
  navigationBarTitleText: '问题类型',
})
