import PagePlaceholder from '@/components/PagePlaceholder'

/** Placeholder: 事项办理. */
export default function Page() {
  return <PagePlaceholder title='事项办理' intro='签收、指派、处置记录、呼叫、延期、疑难、退单、办结。' items={[]} />
}
