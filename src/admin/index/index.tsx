import PagePlaceholder from '@/components/PagePlaceholder'

/** Placeholder: 系统管理. */
export default function Page() {
  return <PagePlaceholder title='系统管理' intro='问题类型、部门与人员、街镇社区、轮值表、长效机制。' items={[]} />
}
