export default definePageConfig({
  navigationBarTitleText: '系统管理',
})
