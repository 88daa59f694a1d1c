import PagePlaceholder from '@/components/PagePlaceholder'

/** Placeholder: 呼叫详情. */
export default function Page() {
  return <PagePlaceholder title='呼叫详情' intro='响应呼叫、现场报到、填报处置情况、评价呼叫。' items={[]} />
}
