export default definePageConfig({
  navigationBarTitleText: '呼叫详情',
})
