export default definePageConfig({
  navigationBarTitleText: '考核排名',
})
