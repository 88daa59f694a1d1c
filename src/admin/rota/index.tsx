import PagePlaceholder from '@/components/PagePlaceholder'

/** Placeholder: 巡查轮值. */
export default function Page() {
  return <PagePlaceholder title='巡查轮值' intro='两级巡查轮值表。' items={[]} />
}
