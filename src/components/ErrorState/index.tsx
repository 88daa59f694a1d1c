import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { ERROR_TITLES, errorKindOf, retryHelps } from './error-kind'
import './index.scss'

export { codeOf, errorKindOf, retryHelps } from './error-kind'

export interface ErrorStateProps {
  /** the Chinese message (ApiError.message): what happened */
  message: string
  /** the error's code (ApiError.code): decides the title and whether 重试 is offered */
  code?: string
  /** overrides the title the code gives */
  title?: string
  /** offered as 重试 when retrying can help */
  onRetry?: () => void
  /** where 回到首页 leads (a tab page of the main package by default: 我的, where every role starts) */
  home?: { url: string; label: string; tab?: boolean }
}

const DEFAULT_HOME = { url: '/pages/me/index', label: '回到“我的”', tab: true }

function canGoBack(): boolean {
  try {
    return Taro.getCurrentPages().length > 1
  } catch {
    return false
  }
}

/**
 * Something failed: what happened, and the next step — 重试 where it can help, 返回 to the previous page when there
 * is one, and always a way home. The one error view of every screen (citizen and staff).
 */
export default function ErrorState({ message, code, title, onRetry, home = DEFAULT_HOME }: ErrorStateProps) {
  const kind = errorKindOf(code)
  const retry = onRetry && retryHelps(kind)
  const back = canGoBack()
  const goHome = () => void (home.tab ? Taro.switchTab({ url: home.url }) : Taro.reLaunch({ url: home.url }))
  return (
    <View className='yx-error' ariaRole='alert'>
      <Text className='yx-error__title'>{title ?? ERROR_TITLES[kind]}</Text>
      <Text className='yx-error__text'>{message}</Text>
      <View className='yx-error__actions'>
        {retry ? (
          <View className='btn-primary yx-error__btn' hoverClass='btn-primary--hover' ariaRole='button' ariaLabel='重试' onClick={onRetry}>
            <Text>重试</Text>
          </View>
        ) : null}
        {back ? (
          <View className={`${retry ? 'btn-secondary' : 'btn-primary'} yx-error__btn`} ariaRole='button' ariaLabel='返回上一页' onClick={() => void Taro.navigateBack()}>
            <Text>返回上一页</Text>
          </View>
        ) : null}
        <View className={`${retry || back ? 'btn-secondary' : 'btn-primary'} yx-error__btn`} ariaRole='button' ariaLabel={home.label} onClick={goHome}>
          <Text>{home.label}</Text>
        </View>
      </View>
    </View>
  )
}
