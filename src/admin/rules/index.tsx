import PagePlaceholder from '@/components/PagePlaceholder'

/** Placeholder: 长效机制. */
export default function Page() {
  return <PagePlaceholder title='长效机制' intro='按问题类型与区域明确事前、事中、事后责任。' items={[]} />
}
