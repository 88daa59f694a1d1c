export default definePageConfig({
  navigationBarTitleText: '指挥看板',
})
