import PagePlaceholder from '@/components/PagePlaceholder'

/** Placeholder: 绑定工作人员身份. */
export default function Page() {
  return <PagePlaceholder title='绑定工作人员身份' intro='工作人员输入管理员发放的邀请码，绑定微信账号。' items={[]} />
}
