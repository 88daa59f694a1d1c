import { Text, View } from '@tarojs/components'
import './index.scss'

export interface PagePlaceholderProps {
  title: string
  /** One sentence: who this page is for. */
  intro: string
  /** What the page will hold, one line each. */
  items: string[]
}

/** A calm "coming next" page for modes still being built: says plainly what will be here. */
export default function PagePlaceholder({ title, intro, items }: PagePlaceholderProps) {
  return (
    <View className='placeholder'>
      <View className='placeholder__card'>
        <Text className='placeholder__title'>{title}</Text>
        <Text className='placeholder__intro'>{intro}</Text>
        <View className='placeholder__list'>
          {items.map((item) => (
            <View className='placeholder__item' key={item}>
              <View className='placeholder__dot' />
              <Text className='placeholder__item-text'>{item}</Text>
            </View>
          ))}
        </View>
        <Text className='placeholder__note'>该功能正在建设中，敬请期待。</Text>
      </View>
    </View>
  )
}
