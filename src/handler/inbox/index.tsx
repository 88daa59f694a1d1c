import PagePlaceholder from '@/components/PagePlaceholder'

/** Placeholder: 一线处置. Calls nothing yet. */
export default function Page() {
  return (
    <PagePlaceholder
      title='一线处置工作台'
      intro='供街镇一线处置员、社区工作人员办理本辖区派来的问题。'
      items={[
        '待签收事项与 10 分钟签收倒计时',
        '指派到具体处置人（1 小时内）',
        '现场处置、上传处置结果照片',
        '发起一线呼叫：约定时间地点，呼叫部门到场',
        '退单、申请延期、标记疑难件',
        '对到场部门进行评价',
      ]}
    />
  )
}
