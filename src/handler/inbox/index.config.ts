export default definePageConfig({
  navigationBarTitleText: '一线处置',
})
