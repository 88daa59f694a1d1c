import { useMemo, useState } from 'react'
import Taro from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import { callApi } from '@/services/cloud'
import { loadBootstrap } from '@/services/meta'
import type { Bootstrap } from '@domain/contract'
import { maskPhone } from '@/services/format'
import { useElderClass } from '@/components/ElderMode'
import { roleName } from '@/components/roles'
import { POST_LABELS, type Post, type Staff, type StaffRole } from '@domain/org/org-types'
import { phone as phoneSchema } from '@domain/common/schema-parts'
import { asList, unitLabel, unitsOf } from '@/staff/format'
import { Chips, Field, FormError, LoadGate, LoadMore, PrimaryButton, SecondaryButton, TextField } from '@/staff/ui'
import { useLoad, useMore } from '@/staff/use-load'
import { useSubmit } from '@/staff/use-send'
import '../admin.scss'

const STAFF_ROLES: StaffRole[] = ['handler', 'community', 'dept', 'deptLeader', 'leader', 'command', 'admin']
const STREET_ROLES: StaffRole[] = ['handler', 'community']
const DEPT_ROLES: StaffRole[] = ['dept', 'deptLeader']

type StaffRow = Omit<Staff, 'inviteCode'> & { inviteCode?: string; bound?: boolean }
interface Loaded {
  staff: StaffRow[]
  total: number
  nextCursor: string | null
  boot: Bootstrap
}
interface StaffPage {
  items: StaffRow[]
  total: number
  nextCursor: string | null
}

/** 部门与人员: list, create staff in a post, show/copy the invite code, re-issue it. */
export default function StaffPage() {
  const elder = useElderClass()
  // the directory is thousands of people: the server searches (name or unit) and pages by cursor
  const [query, setQuery] = useState('')
  const [search, setSearch] = useState('')
  const { state, reload } = useLoad<Loaded>(async () => {
    const [list, boot] = await Promise.all([callApi('admin.staff.list', search ? { q: search } : {}), loadBootstrap()])
    return { staff: asList<StaffRow>(list), total: list.total ?? 0, nextCursor: list.nextCursor ?? null, boot }
  }, [search])
  const [creating, setCreating] = useState(false)
  const [code, setCode] = useState<{ name: string; code: string } | null>(null)
  const first = useMemo(() => (state.status === 'ready' ? { items: state.data.staff, nextCursor: state.data.nextCursor } : null), [state])
  const more = useMore<StaffRow>(first, (cursor) => callApi('admin.staff.list', search ? { q: search, cursor } : { cursor }))

  return (
    <View className={`lv-page ${elder}`}>
      {code ? <InviteCard name={code.name} code={code.code} onClose={() => setCode(null)} /> : null}
      <LoadGate state={state} onRetry={reload}>
        {({ total, boot }) => {
          const unitOf = (s: StaffRow) => {
            return [unitLabel(boot, s.deptId), unitLabel(boot, s.streetId)].filter(Boolean).join(' · ')
          }
          const shown = more.items
          return (
            <View>
              <View className='lv-card'>
                <Input
                  className='lv-input'
                  ariaLabel='搜索人员或单位'
                  placeholder='搜索姓名或单位'
                  confirmType='search'
                  value={query}
                  onInput={(e) => setQuery(e.detail.value)}
                  onConfirm={() => setSearch(query.trim())}
                />
                <View className='lv-actions'>
                  <SecondaryButton text='搜索' onClick={() => setSearch(query.trim())} />
                </View>
                {!creating ? <PrimaryButton text='新增人员' onClick={() => setCreating(true)} /> : null}
              </View>
              {creating ? (
                <StaffForm
                  boot={boot}
                  onCancel={() => setCreating(false)}
                  onSaved={(name, inviteCode) => {
                    setCreating(false)
                    setCode({ name, code: inviteCode })
                    void reload()
                  }}
                />
              ) : null}
              <Text className='lv-section-title'>{search ? `“${search}” 共 ${total} 人` : `共 ${total} 人`}</Text>
              {shown.length === 0 ? <Text className='lv-muted'>{search ? '没有找到匹配的人员' : '还没有人员'}</Text> : null}
              {shown.map((s) => (
                <StaffCard key={s._id} s={s} unit={unitOf(s)} onCode={(c) => setCode({ name: s.name, code: c })} />
              ))}
              <LoadMore more={more} label='显示更多人员' text={`显示更多（还有 ${Math.max(0, total - shown.length)} 人）`} />
            </View>
          )
        }}
      </LoadGate>
    </View>
  )
}

function InviteCard({ name, code, onClose }: { name: string; code: string; onClose: () => void }) {
  return (
    <View className='lv-card admin-invite' ariaLabel={`${name}的邀请码 ${code}`}>
      <Text className='lv-title'>{name} 的邀请码</Text>
      <Text className='admin-invite__code'>{code}</Text>
      <Text className='lv-muted'>请本人在小程序“我的 → 绑定工作人员”中输入此邀请码完成绑定，邀请码仅可使用一次。</Text>
      <View className='lv-actions'>
        <View
          className='btn-primary'
          ariaRole='button'
          ariaLabel='复制邀请码'
          onClick={() => void Taro.setClipboardData({ data: code }).then(() => Taro.showToast({ title: '已复制', icon: 'success' }))}
        >
          <Text>复制邀请码</Text>
        </View>
        <SecondaryButton text='关闭' onClick={onClose} />
      </View>
    </View>
  )
}

function StaffCard({ s, unit, onCode }: { s: StaffRow; unit: string; onCode: (code: string) => void }) {
  const { busy, error, submit } = useSubmit()
  const bound = s.bound ?? !!s.openid
  const reissue = async () => {
    const ok = await Taro.showModal({ title: '重新生成邀请码', content: `原邀请码将失效（已绑定的微信不受影响）。确定为${s.name}重新生成吗？` })
    if (!ok.confirm) return
    await submit(async () => {
      const r = await callApi('admin.staff.invite', { staffId: s._id })
      onCode(r.inviteCode)
    }, '生成失败，请重试')
  }
  return (
    <View className='lv-card'>
      <View className='lv-between'>
        <Text className='lv-title'>
          {s.name}
          {s.title ? `（${s.title}）` : ''}
        </Text>
        <Text className={`lv-tag ${bound ? 'lv-tag--brand' : ''}`}>{bound ? '已绑定微信' : '未绑定'}</Text>
      </View>
      <Text className='lv-muted'>{[unit, s.post ? POST_LABELS[s.post] : '', maskPhone(s.phone)].filter(Boolean).join(' · ')}</Text>
      <View className='lv-row'>
        {s.roles.map((r) => (
          <Text className='lv-tag' key={r}>
            {roleName(r)}
          </Text>
        ))}
      </View>
      <View className='lv-row lv-field'>
        {!bound && s.inviteCode ? (
          <View className='lv-chip' ariaRole='button' ariaLabel={`查看${s.name}的邀请码`} onClick={() => onCode(s.inviteCode as string)}>
            <Text>查看邀请码</Text>
          </View>
        ) : null}
        <View className='lv-chip' ariaRole='button' ariaLabel={`为${s.name}重新生成邀请码`} onClick={() => !busy && void reissue()}>
          <Text>{busy ? '正在生成…' : '重新生成邀请码'}</Text>
        </View>
      </View>
      <FormError error={error} />
    </View>
  )
}

function StaffForm({ boot, onSaved, onCancel }: { boot: Bootstrap; onSaved: (name: string, code: string) => void; onCancel: () => void }) {
  const [name, setName] = useState('')
  const [phone, setPhone] = useState('')
  const [title, setTitle] = useState('')
  const [roles, setRoles] = useState<StaffRole[]>([])
  const [streetId, setStreetId] = useState('')
  const [communityId, setCommunityId] = useState('')
  const [deptId, setDeptId] = useState('')
  const [post, setPost] = useState<Post | ''>('')
  const [deptQuery, setDeptQuery] = useState('')
  const { busy, error, setError, submit } = useSubmit()

  const needsStreet = roles.some((r) => STREET_ROLES.includes(r)) || (roles.includes('leader') && !deptId)
  const needsDept = roles.some((r) => DEPT_ROLES.includes(r))
  const depts = useMemo(() => {
    const q = deptQuery.trim()
    // every kind of unit: district departments and city-level units (their staff answer calls too)
    return unitsOf(boot).filter((u) => !q || u.label.includes(q) || u._id === deptId).slice(0, 40)
  }, [boot, deptQuery, deptId])

  const save = async () => {
    if (name.trim().length < 2) return setError('请填写姓名（至少2个字）')
    if (!phoneSchema.safeParse(phone).success) return setError('请填写正确的手机号或固定电话')
    if (roles.length === 0) return setError('请至少选择一个角色')
    if (roles.some((r) => STREET_ROLES.includes(r)) && !streetId) return setError('街镇、社区人员请选择所属街镇')
    if (roles.includes('community') && !communityId) return setError('社区工作人员请选择所属社区')
    if (needsDept && !deptId) return setError('部门人员请选择所属部门')
    if (needsDept && !post) return setError('请选择岗位（经办人、分管领导或主责领导）')
    await submit(async () => {
      const r = await callApi('admin.staff.save', {
        name: name.trim(),
        phone: phone.trim(),
        roles,
        streetId: streetId || undefined,
        communityId: (roles.includes('community') && communityId) || undefined,
        deptId: deptId || undefined,
        post: post || undefined,
        title: title.trim() || undefined,
      })
      onSaved(name.trim(), r.inviteCode ?? '')
    }, '保存失败，请重试')
  }

  return (
    <View className='lv-card admin-form'>
      <Text className='lv-title'>新增人员</Text>
      <TextField label='姓名' value={name} onChange={setName} />
      <TextField label='联系电话' value={phone} onChange={setPhone} type='number' />
      <TextField label='职务（选填）' value={title} onChange={setTitle} placeholder='如 市政所副所长' />
      <Field label='角色（可多选）'>
        <Chips
          options={STAFF_ROLES.map((r) => ({ key: r, label: roleName(r) }))}
          selected={roles}
          onToggle={(r) => setRoles(roles.includes(r) ? roles.filter((x) => x !== r) : [...roles, r])}
        />
      </Field>
      {needsStreet || roles.includes('leader') ? (
        <Field label={needsStreet ? '所属街镇' : '所属街镇（街镇级轮值领导填写）'}>
          <Chips
            options={boot.streets.map((s) => ({ key: s._id, label: s.name }))}
            selected={streetId}
            onToggle={(k) => {
              setStreetId(k === streetId ? '' : k)
              setCommunityId('')
            }}
          />
        </Field>
      ) : null}
      {roles.includes('community') && streetId ? (
        <Field label='所属社区'>
          <Chips
            options={boot.communities.filter((m) => m.streetId === streetId).map((m) => ({ key: m._id, label: m.name }))}
            selected={communityId}
            onToggle={setCommunityId}
          />
        </Field>
      ) : null}
      {needsDept ? (
        <View>
          <Field label='所属部门'>
            <Input className='lv-input' ariaLabel='搜索所属部门' placeholder='搜索部门' value={deptQuery} onInput={(e) => setDeptQuery(e.detail.value)} />
            <View className='lv-field'>
              <Chips options={depts.map((u) => ({ key: u._id, label: u.label }))} selected={deptId} onToggle={(k) => setDeptId(k)} />
            </View>
          </Field>
          <Field label='岗位'>
            <Chips options={(Object.keys(POST_LABELS) as Post[]).map((p) => ({ key: p, label: POST_LABELS[p] }))} selected={post} onToggle={(k) => setPost(k)} />
          </Field>
        </View>
      ) : null}
      <FormError error={error} />
      <PrimaryButton text='保存并生成邀请码' busy={busy} onClick={save} />
      <View className='lv-actions'>
        <SecondaryButton text='取消' onClick={onCancel} />
      </View>
    </View>
  )
}
