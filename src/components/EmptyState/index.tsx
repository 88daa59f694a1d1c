import { Text, View } from '@tarojs/components'
import './index.scss'

export interface EmptyStateProps {
  title: string
  desc?: string
  /** a call to action, e.g. 去随手拍 */
  actionText?: string
  onAction?: () => void
  /** inside a card (a chart or a list with no rows): no picture, little space */
  inline?: boolean
}

/** Nothing here yet: a title, one line of explanation and, optionally, the one thing to do next. */
export default function EmptyState({ title, desc, actionText, onAction, inline = false }: EmptyStateProps) {
  return (
    <View className={`yx-empty ${inline ? 'yx-empty--inline' : ''}`}>
      {inline ? null : <View className='yx-empty__icon' />}
      <Text className='yx-empty__title'>{title}</Text>
      {desc ? <Text className='yx-empty__desc'>{desc}</Text> : null}
      {actionText && onAction ? (
        <View className='btn-primary yx-empty__action' hoverClass='btn-primary--hover' ariaRole='button' ariaLabel={actionText} onClick={onAction}>
          <Text>{actionText}</Text>
        </View>
      ) : null}
    </View>
  )
}
