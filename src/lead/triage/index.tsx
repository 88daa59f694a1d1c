import PagePlaceholder from '@/components/PagePlaceholder'

/** Placeholder: 指挥调度. */
export default function Page() {
  return <PagePlaceholder title='指挥调度' intro='人工分派、退单改派、核查办结、重复件与无效件。' items={[]} />
}
