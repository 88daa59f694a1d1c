export default definePageConfig({
  navigationBarTitleText: '长效机制',
})
