import { Text, View } from '@tarojs/components'
import './index.scss'

export type StatusKind = 'open' | 'closed' | 'warn' | 'danger'

export interface StatusChipProps {
  label: string
  kind: StatusKind
}

/** A small rounded tag for a state: 待处置 (open), 已办结 (closed), 临期 (warn), 逾期 (danger)… */
export default function StatusChip({ label, kind }: StatusChipProps) {
  return (
    <View className={`status-chip status-chip--${kind}`}>
      <Text className='status-chip__label'>{label}</Text>
    </View>
  )
}
