import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, Textarea, View } from '@tarojs/components'
import { callApi } from '@/services/cloud'
import type { ImportAnswer } from '@domain/contract'
import { useElderClass } from '@/components/ElderMode'
import { errorText } from '@/staff/format'
import { FormError, PrimaryButton } from '@/staff/ui'

type FileKey = 'boundaries' | 'departments' | 'staff'
const FILES: Array<{ key: FileKey; label: string; name: string; ext: string[]; hint: string }> = [
  { key: 'boundaries', label: '区域边界', name: 'boundaries.geojson', ext: ['geojson', 'json'], hint: 'GeoJSON：区、街镇、社区的边界（Polygon）' },
  { key: 'departments', label: '部门', name: 'departments.csv', ext: ['csv'], hint: 'CSV：编号,简称,全称,类型,上级编号' },
  { key: 'staff', label: '人员', name: 'staff.csv', ext: ['csv'], hint: 'CSV：编号,姓名,手机,角色,街镇编号,社区编号,部门编号,岗位,职务' },
]

const LABELS: Record<string, string> = { districts: '行政区', streets: '街镇', communities: '社区', departments: '部门', staff: '人员', grids: '网格', rota: '轮值' }

/** Reads a file the user picks: WeChat chat files (chooseMessageFile) or, on H5, the browser's file picker. */
async function pickFile(ext: string[]): Promise<string | null> {
  if (process.env.TARO_ENV === 'h5') {
    return new Promise((resolve) => {
      const input = document.createElement('input')
      input.type = 'file'
      input.accept = ext.map((e) => `.${e}`).join(',')
      input.onchange = () => {
        const f = input.files?.[0]
        if (!f) return resolve(null)
        const reader = new FileReader()
        reader.onload = () => resolve(String(reader.result ?? ''))
        reader.onerror = () => resolve(null)
        reader.readAsText(f, 'utf-8')
      }
      input.click()
    })
  }
  const res = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ext })
  const path = res.tempFiles[0]?.path
  if (!path) return null
  return String(Taro.getFileSystemManager().readFileSync(path, 'utf8'))
}

/**
 * 导入组织架构: a district's boundaries (GeoJSON), departments and staff (CSV) — paste or pick the files, preview
 * what changes (nothing is written), then import; new people's invite codes come back as CSV to hand out.
 */
export default function ImportPage() {
  const elder = useElderClass()
  const [files, setFiles] = useState<Record<FileKey, string>>({ boundaries: '', departments: '', staff: '' })
  const [busy, setBusy] = useState<'preview' | 'apply' | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [answer, setAnswer] = useState<ImportAnswer | null>(null)
  const payload = () => Object.fromEntries(Object.entries(files).filter(([, v]) => v.trim())) as Partial<Record<FileKey, string>>

  const run = async (apply: boolean) => {
    if (!Object.keys(payload()).length) return setError('请粘贴或选择至少一个文件')
    if (apply) {
      const ok = await Taro.showModal({ title: '导入组织架构', content: '将按预览结果写入：不在文件中的街镇、社区将被删除，人员将被停用（管理员除外）。每条变更记入管理日志。确定导入吗？' })
      if (!ok.confirm) return
    }
    setBusy(apply ? 'apply' : 'preview')
    setError(null)
    try {
      setAnswer(await callApi('admin.org.import', { files: payload(), apply }))
    } catch (err) {
      setError(errorText(err, apply ? '导入失败，请重试' : '预览失败，请重试'))
    } finally {
      setBusy(null)
    }
  }

  return (
    <View className={`lv-page ${elder}`}>
      <Text className='lv-section-title'>粘贴文件内容或选择文件，先预览，确认无误后导入。格式见 docs/ORG-IMPORT.md。</Text>
      {FILES.map((f) => (
        <View key={f.key} className='lv-card'>
          <View className='lv-between'>
            <Text className='lv-title'>{f.label}</Text>
            <View
              className='btn-secondary'
              style={{ flexShrink: 0, whiteSpace: 'nowrap' }}
              ariaRole='button'
              ariaLabel={`选择${f.label}文件`}
              onClick={async () => {
                try {
                  const text = await pickFile(f.ext)
                  if (text !== null) setFiles((x) => ({ ...x, [f.key]: text }))
                } catch {
                  // the user closed the picker
                }
              }}
            >
              <Text>选择文件</Text>
            </View>
          </View>
          <Text className='lv-muted'>
            {f.name} · {f.hint}
          </Text>
          <Textarea
            className='lv-textarea'
            ariaLabel={f.label}
            placeholder={`在此粘贴${f.label}文件内容`}
            maxlength={-1}
            disabled={files[f.key].length > 20000}
            value={files[f.key].length > 20000 ? `${files[f.key].slice(0, 2000)}\n…（共 ${files[f.key].length} 字，已载入）` : files[f.key]}
            onInput={(e) => setFiles((x) => ({ ...x, [f.key]: e.detail.value }))}
          />
        </View>
      ))}
      <FormError error={error} />
      <PrimaryButton text={busy === 'preview' ? '正在预览…' : '预览变更'} busy={busy !== null} onClick={() => run(false)} />
      {answer && <Result answer={answer} />}
      {answer?.ok && !answer.applied && (answer.writes ?? 0) > 0 && (
        <PrimaryButton text={busy === 'apply' ? '正在导入…' : `确认导入（${answer.writes} 项变更）`} busy={busy !== null} onClick={() => run(true)} />
      )}
    </View>
  )
}

function Result({ answer }: { answer: ImportAnswer }) {
  if (!answer.ok) {
    return (
      <View className='lv-card' role='alert'>
        <Text className='lv-title'>文件有误，未导入任何数据（{answer.errors.length} 处）</Text>
        {answer.errors.map((e, i) => (
          <Text key={i} className='lv-error'>
            {e.file ? `${e.file} 第${e.line}行` : ''}
            {e.field ? `「${e.field}」` : ''}：{e.reason}
          </Text>
        ))}
      </View>
    )
  }
  return (
    <View>
      <Text className='lv-section-title'>{answer.applied ? `已导入：${answer.writes} 项变更，均已记入管理日志` : answer.writes ? '预览（尚未写入）' : '与现有数据一致，无需导入'}</Text>
      {answer.warnings.map((w, i) => (
        <Text key={i} className='lv-muted'>
          提示：{w}
        </Text>
      ))}
      {Object.entries(answer.summary ?? {}).map(([coll, d]) => (
        <View key={coll} className='lv-card'>
          <Text className='lv-title'>{LABELS[coll] ?? coll}</Text>
          <Text className='lv-muted'>
            新增 {d.added.length} · 修改 {d.changed.length} · 不变 {d.unchanged} · 删除或停用 {d.removed.length}
            {d.kept.length ? ` · 保留 ${d.kept.length}` : ''}
          </Text>
          {d.removed.length > 0 && <Text className='lv-muted'>删除或停用：{d.removed.slice(0, 8).join('、')}{d.removed.length > 8 ? ' 等' : ''}</Text>}
        </View>
      ))}
      {answer.invitesCsv && (
        <View className='lv-card'>
          <Text className='lv-title'>新人员邀请码（{answer.invites} 人）</Text>
          <Text className='lv-muted'>请复制保存并分发，每人凭邀请码在「我的 → 绑定工作人员身份」绑定。</Text>
          <Textarea className='lv-textarea' ariaLabel='邀请码' value={answer.invitesCsv} maxlength={-1} disabled />
          <View className='btn-secondary' ariaRole='button' ariaLabel='复制邀请码' onClick={() => void Taro.setClipboardData({ data: answer.invitesCsv! })}>
            <Text>复制邀请码（CSV）</Text>
          </View>
        </View>
      )}
    </View>
  )
}
