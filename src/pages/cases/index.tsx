import PagePlaceholder from '@/components/PagePlaceholder'

/** Placeholder: 我的诉求. Calls nothing yet. */
export default function Page() {
  return (
    <PagePlaceholder
      title='我的诉求'
      intro='这里将列出您反映过的全部问题及办理进度。'
      items={[
        '每条诉求的当前状态：已受理、处置中、已办结',
        '承办街镇、责任部门与办理时限',
        '办结后的回访评价：满意、基本满意、不满意',
        '不满意可申请重新办理',
      ]}
    />
  )
}
