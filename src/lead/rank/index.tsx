import PagePlaceholder from '@/components/PagePlaceholder'

/** Placeholder: 考核排名. */
export default function Page() {
  return <PagePlaceholder title='考核排名' intro='部门、个人与街镇的月度、年度考核得分。' items={[]} />
}
