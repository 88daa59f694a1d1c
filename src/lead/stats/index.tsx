import PagePlaceholder from '@/components/PagePlaceholder'

/** Placeholder: 运行指标. */
export default function Page() {
  return <PagePlaceholder title='运行指标' intro='每日汇总与各项指标图表。' items={[]} />
}
