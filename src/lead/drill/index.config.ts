export default definePageConfig({
  navigationBarTitleText: '事项明细',
})
