import PagePlaceholder from '@/components/PagePlaceholder'

/** Placeholder: 部门与人员. */
export default function Page() {
  return <PagePlaceholder title='部门与人员' intro='人员岗位与邀请码。' items={[]} />
}
