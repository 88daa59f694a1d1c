export default definePageConfig({
  navigationBarTitleText: '部门与人员',
})
