import PagePlaceholder from '@/components/PagePlaceholder'

/** Placeholder: 事项明细. */
export default function Page() {
  return <PagePlaceholder title='事项明细' intro='指标背后的事项。' items={[]} />
}
