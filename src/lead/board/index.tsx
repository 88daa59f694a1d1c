import PagePlaceholder from '@/components/PagePlaceholder'

/** Placeholder: 指挥看板. Calls nothing yet. */
export default function Page() {
  return (
    <PagePlaceholder
      title='疑难件与指挥看板'
      intro='供巡查轮值领导和指挥中心掌握全区问题办理情况。'
      items={[
        '疑难件看板：逾期、多次流转、需多部门协同的事项',
        '研判后指定责任部门、责任人和办理时限',
        '各街镇、部门签收率、按期办结率等指标',
        '每日汇总与周、月分析',
      ]}
    />
  )
}
