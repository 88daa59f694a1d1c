import { useEffect, type ReactNode } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { Bootstrap, ReportResult } from '@domain/contract'
import { scrollToTop } from '@/services/scroll'

export interface SuccessViewProps {
  result: ReportResult
  sla?: Bootstrap['sla']
  onAgain: () => void
}

function nextSteps(result: ReportResult, sla: Bootstrap['sla']): string[] {
  const respond = sla?.respondMin ?? 10
  const assign = sla?.assignMin ?? 60
  const assignText = assign % 60 === 0 ? `${assign / 60} 小时` : `${assign} 分钟`
  switch (result.state) {
    case 'triage':
      return ['区城市运行指挥中心将人工研判并派给责任单位', '派单后街镇将在 10 分钟内签收', '每一步进展都会在“我的诉求”中更新']
    case 'forwarded':
      return ['该问题属于网格化办理事项，已转网格化平台由社区网格员处理', '处理结果会同步到“我的诉求”']
    default:
      return [
        `属地街镇将在 ${respond} 分钟内签收`,
        `${assignText}内明确具体处置人`,
        '需要部门到场的，由街镇发起一线呼叫',
        '问题解决并核查后，请您对办理结果进行评价',
      ]
  }
}

/** After 提交: the case number and what happens next; a duplicate links to the case already in hand. */
export default function SuccessView({ result, sla, onAgain }: SuccessViewProps) {
  // the page starts at the top: the form was scrolled down to 提交, and the ✓ must not be cut off
  useEffect(() => {
    scrollToTop()
  }, [])
  const open = (id: string) => void Taro.navigateTo({ url: `/pages/case/index?id=${encodeURIComponent(id)}` })

  // one page for both outcomes: the ✓ (or i) card, what to say, the way to the case, and 继续反映
  const done = (icon: 'ok' | 'info', action: { label: string; id: string }, body: ReactNode) => (
    <View className='yx-page report report--done'>
      <View className='report__card report__done'>
        <View className={`report__done-icon${icon === 'info' ? ' report__done-icon--info' : ''}`}>
          <Text>{icon === 'info' ? 'i' : '✓'}</Text>
        </View>
        {body}
        <View className='btn-primary report__done-btn' hoverClass='btn-primary--hover' ariaRole='button' ariaLabel={action.label} onClick={() => open(action.id)}>
          <Text>{action.label}</Text>
        </View>
        <View className='btn-secondary report__done-btn' hoverClass='btn-secondary--hover' ariaRole='button' ariaLabel='继续反映' onClick={onAgain}>
          <Text>继续反映其他问题</Text>
        </View>
      </View>
    </View>
  )

  if (result.duplicateOf) {
    return done(
      'info',
      { label: '查看办理中的诉求', id: result.duplicateOf },
      <>
        <Text className='report__done-title'>已有相同问题在办理中</Text>
        <Text className='report__done-text'>附近已有群众反映了同一问题，您的反映已合并到该诉求，办理进展相同。</Text>
        <Text className='report__done-id'>您的诉求编号：{result.caseId}</Text>
      </>,
    )
  }

  return done(
    'ok',
    { label: '查看办理进度', id: result.caseId },
    <>
      <Text className='report__done-title'>{result.replayed ? '该诉求已提交过' : '提交成功'}</Text>
      <Text className='report__done-id'>诉求编号：{result.caseId}</Text>
      {result.review ? <Text className='report__done-text'>您的描述需人工审核，审核通过后进入办理流程。</Text> : null}
      <View className='report__steps'>
        <Text className='report__steps-title'>接下来</Text>
        {nextSteps(result, sla).map((s) => (
          <View className='report__step' key={s}>
            <View className='report__step-dot' />
            <Text className='report__step-text'>{s}</Text>
          </View>
        ))}
      </View>
    </>,
  )
}
