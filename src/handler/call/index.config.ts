export default definePageConfig({
  navigationBarTitleText: '发起一线呼叫',
})
