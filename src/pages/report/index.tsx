import PagePlaceholder from '@/components/PagePlaceholder'

/** Placeholder: 随手拍. Calls nothing yet. */
export default function Page() {
  return (
    <PagePlaceholder
      title='随手拍'
      intro='发现身边的城市管理问题，拍一拍就能反映，由属地街镇和责任部门处理。'
      items={[
        '拍照或从相册选择现场照片（最多 9 张）',
        '自动定位问题位置，也可在地图上调整',
        '选择问题类别，不确定时可由系统智能判断',
        '填写问题描述，可留联系方式以便回访',
        '提交后可在“我的诉求”查看办理进度',
      ]}
    />
  )
}
