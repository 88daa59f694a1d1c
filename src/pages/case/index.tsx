import PagePlaceholder from '@/components/PagePlaceholder'

/** Placeholder: 诉求详情. Calls nothing yet. */
export default function Page() {
  return (
    <PagePlaceholder
      title='诉求详情'
      intro='这里将展示一条诉求从受理到办结的全过程。'
      items={[
        '问题照片、位置、类别与描述',
        '每一步办理记录：谁、何时、做了什么',
        '处置结果与现场照片',
        '回访评价入口',
      ]}
    />
  )
}
