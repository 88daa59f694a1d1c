import PagePlaceholder from '@/components/PagePlaceholder'

/** Placeholder: 部门呼叫. Calls nothing yet. */
export default function Page() {
  return (
    <PagePlaceholder
      title='部门呼叫工作台'
      intro='供区直部门经办人和部门领导响应街镇的一线呼叫。'
      items={[
        '收到的呼叫：事项、地点、约定到场时间',
        '确认响应并安排经办人',
        '到场报到：核验位置与时间',
        '记录处置情况，避免“只报到不干事”',
        '评价呼叫是否准确',
      ]}
    />
  )
}
