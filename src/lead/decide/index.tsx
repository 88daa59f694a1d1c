import PagePlaceholder from '@/components/PagePlaceholder'

/** Placeholder: 疑难件研判. */
export default function Page() {
  return <PagePlaceholder title='疑难件研判' intro='明确责任部门、责任人和办理期限。' items={[]} />
}
