import PagePlaceholder from '@/components/PagePlaceholder'

/** Placeholder: 共性问题. */
export default function Page() {
  return <PagePlaceholder title='共性问题' intro='高频问题与长效机制建议。' items={[]} />
}
