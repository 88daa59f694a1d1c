import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { countdownState, tickInterval } from './countdown'
import './index.scss'

export interface CountdownProps {
  /** Deadline, epoch milliseconds. */
  deadline: number
  /** Start of the window (e.g. dispatch time), epoch ms: warn when under 20% of it is left. */
  start?: number
  /** Fixed "now" (epoch ms). When given the countdown does not tick by itself (tests, server-rendered lists). */
  now?: number
}

/** 剩余 mm:ss / hh:mm / N天h小时, turning orange near the end and red (已超时 …) when overdue. */
export default function Countdown({ deadline, start, now }: CountdownProps) {
  const [clock, setClock] = useState<number>(() => now ?? Date.now())
  const current = now ?? clock

  useEffect(() => {
    if (now !== undefined) return undefined
    const timer = setTimeout(() => setClock(Date.now()), tickInterval(deadline, clock))
    return () => clearTimeout(timer)
  }, [now, deadline, clock])

  const state = countdownState(deadline, current, start)
  return (
    <View className={`countdown countdown--${state.tone}`}>
      <Text className='countdown__text'>{state.text}</Text>
    </View>
  )
}
