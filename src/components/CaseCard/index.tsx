import { Text, View } from '@tarojs/components'
import StatusChip from '@/components/StatusChip'
import Countdown from '@/components/Countdown'
import CloudImage from '@/components/CloudImage'
import { formatShort, plainText } from '@/services/format'
import type { CaseSummary } from '@domain/contract'
import './index.scss'

export interface CaseCardProps {
  item: CaseSummary
  onClick?: (item: CaseSummary) => void
  /** fixed "now" for the countdown (tests); omitted = live clock */
  now?: number
  /** hide the photo thumbnail (dense staff lists) */
  compact?: boolean
}

/**
 * One case in a list: category, status chip (逾期/疑难 flags), description, street, the latest step and,
 * while open with a deadline, a live countdown. Tapping calls onClick(item).
 */
export default function CaseCard({ item, onClick, now, compact = false }: CaseCardProps) {
  const open = item.stateKind === 'open'
  return (
    <View
      className='yx-case-card'
      hoverClass='yx-case-card--hover'
      ariaRole='button'
      ariaLabel={`${item.categoryName}，${item.stateLabel}${item.awaitsRating ? '，待评价' : ''}`}
      onClick={() => onClick?.(item)}
    >
      <View className='yx-case-card__head'>
        <Text className='yx-case-card__category'>{item.categoryName}</Text>
        <View className='yx-case-card__chips'>
          {item.hard ? <StatusChip label='疑难件' kind='warn' /> : null}
          {item.overdue && open ? <StatusChip label='已逾期' kind='danger' /> : null}
          {item.awaitsRating ? <StatusChip label='待评价' kind='warn' /> : null}
          <StatusChip label={item.stateLabel} kind={open ? 'open' : 'closed'} />
        </View>
      </View>
      <View className='yx-case-card__main'>
        <View className='yx-case-card__texts'>
          <Text className='yx-case-card__desc'>{item.description}</Text>
          <Text className='yx-case-card__meta'>
            {[item.streetName, `提交于 ${formatShort(item.createdAt, now)}`].filter(Boolean).join(' · ')}
          </Text>
        </View>
        {item.photo && !compact ? <CloudImage className='yx-case-card__photo' src={item.photo} ariaLabel='现场照片' /> : null}
      </View>
      <View className='yx-case-card__foot'>
        <Text className='yx-case-card__latest'>
          {item.latest ? `${plainText(item.latest.what)} · ${formatShort(item.latest.at, now)}` : '等待处理'}
        </Text>
        {open && item.deadline ? <Countdown deadline={item.deadline} now={now} /> : null}
      </View>
    </View>
  )
}
