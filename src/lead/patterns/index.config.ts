export default definePageConfig({
  navigationBarTitleText: '共性问题',
})
