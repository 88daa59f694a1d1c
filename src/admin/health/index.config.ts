export default definePageConfig({
  navigationBarTitleText: '数据健康',
})
