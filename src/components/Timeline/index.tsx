import { Text, View } from '@tarojs/components'
import { formatTime } from '@/services/format'
import type { TimelineItem } from './timeline'
import './index.scss'

export type { TimelineItem, TimelineTone } from './timeline'
export { logToTimeline, whoOf } from './timeline'

export interface TimelineProps {
  items: TimelineItem[]
  /** shown when there is nothing yet */
  emptyText?: string
}

/**
 * A vertical timeline (newest first): a dot per step coloured by tone, the step, the time, who did it.
 * Build items from a case's log with `logToTimeline(log)`.
 */
export default function Timeline({ items, emptyText = '暂无办理记录' }: TimelineProps) {
  if (items.length === 0) return <Text className='yx-timeline__empty'>{emptyText}</Text>
  return (
    <View className='yx-timeline' ariaRole='list'>
      {items.map((item, i) => (
        <View className={`yx-timeline__item ${i === 0 ? 'yx-timeline__item--first' : ''}`} key={item.key} ariaRole='listitem'>
          <View className='yx-timeline__rail'>
            <View className={`yx-timeline__dot yx-timeline__dot--${item.tone ?? 'brand'}`} />
            {i < items.length - 1 ? <View className='yx-timeline__line' /> : null}
          </View>
          <View className='yx-timeline__body'>
            <Text className='yx-timeline__title'>{item.title}</Text>
            <Text className='yx-timeline__meta'>
              {formatTime(item.at)}
              {item.who ? ` · ${item.who}` : ''}
            </Text>
            {item.detail ? <Text className='yx-timeline__detail'>{item.detail}</Text> : null}
          </View>
        </View>
      ))}
    </View>
  )
}
