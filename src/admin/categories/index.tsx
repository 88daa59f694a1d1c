import PagePlaceholder from '@/components/PagePlaceholder'

/** Placeholder: 问题类型. */
export default function Page() {
  return <PagePlaceholder title='问题类型' intro='办理时限、是否网格事项、责任部门。' items={[]} />
}
