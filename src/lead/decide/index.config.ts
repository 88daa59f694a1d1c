export default definePageConfig({
  navigationBarTitleText: '疑难件研判',
})
