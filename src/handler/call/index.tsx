import PagePlaceholder from '@/components/PagePlaceholder'

/** Placeholder: 发起一线呼叫. */
export default function Page() {
  return <PagePlaceholder title='发起一线呼叫' intro='选择部门、约定时间与地点，呼叫部门到场。' items={[]} />
}
