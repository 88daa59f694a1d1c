import { Text, View } from '@tarojs/components'
import './index.scss'

export interface ErrorStateProps {
  /** the Chinese message (ApiError.message) */
  message: string
  /** defaults to 加载失败 */
  title?: string
  /** shows a 重试 button */
  onRetry?: () => void
}

/** Something failed: what, and a 重试 button. */
export default function ErrorState({ message, title = '加载失败', onRetry }: ErrorStateProps) {
  return (
    <View className='yx-error' ariaRole='alert'>
      <Text className='yx-error__title'>{title}</Text>
      <Text className='yx-error__text'>{message}</Text>
      {onRetry ? (
        <View className='btn-primary yx-error__retry' hoverClass='btn-primary--hover' ariaRole='button' ariaLabel='重试' onClick={onRetry}>
          <Text>重试</Text>
        </View>
      ) : null}
    </View>
  )
}
