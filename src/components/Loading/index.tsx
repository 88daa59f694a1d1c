import { Text, View } from '@tarojs/components'
import './index.scss'

export interface LoadingProps {
  /** defaults to 正在加载… */
  text?: string
  /** inline (inside a card or list footer) instead of a page-height block */
  inline?: boolean
}

/** A calm spinner with a line of text; announces itself as busy. */
export default function Loading({ text = '正在加载…', inline = false }: LoadingProps) {
  return (
    <View className={`yx-loading ${inline ? 'yx-loading--inline' : ''}`} aria-busy='true' ariaLabel={text}>
      <View className='yx-loading__spinner' />
      <Text className='yx-loading__text'>{text}</Text>
    </View>
  )
}
