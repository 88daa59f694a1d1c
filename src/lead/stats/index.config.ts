export default definePageConfig({
  navigationBarTitleText: '运行指标',
})
