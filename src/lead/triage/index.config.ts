export default definePageConfig({
  navigationBarTitleText: '指挥调度',
})
