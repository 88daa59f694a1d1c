/**
 * The WeChat build's tab bar (`tabBar.custom`, WeChat's custom-tab-bar convention): the same three tabs as the native
 * one, but its text and icons grow with 大字 / 特大字 (src/components/ElderMode), which the native tab bar cannot do.
 * Each tab page has its own instance, so the selected tab is the page it sits on. The H5 build keeps Taro's own tab bar,
 * which grows with the zoom on <html>.
 */
import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import { useElderMode } from '@/components/ElderMode'
import { TABS, TAB_COLOR, TAB_SELECTED_COLOR, tabIcon, tabIndexOf } from './tabs'
import './index.scss'

function currentRoute(): string | undefined {
  const pages = Taro.getCurrentPages?.() ?? []
  return pages[pages.length - 1]?.route
}

export default function CustomTabBar() {
  const { scale } = useElderMode()
  const [selected, setSelected] = useState(() => tabIndexOf(currentRoute()))
  // the page stack holds this tab's page once it is attached
  useEffect(() => setSelected(tabIndexOf(currentRoute())), [])
  const size = scale === 1 ? '' : `yx-tabbar--${Math.round(scale * 100)}`

  return (
    <View className={`yx-tabbar ${size}`} ariaRole='tablist'>
      {TABS.map((t, i) => {
        const on = i === selected
        return (
          <View
            key={t.pagePath}
            className={`yx-tabbar__item ${on ? 'yx-tabbar__item--on' : ''}`}
            ariaRole='tab'
            ariaLabel={on ? `${t.text}（当前）` : t.text}
            onClick={() => {
              if (on) return
              setSelected(i)
              void Taro.switchTab({ url: `/${t.pagePath}` })
            }}
          >
            <Image className='yx-tabbar__icon' src={`/${tabIcon(t.icon, on)}`} mode='aspectFit' />
            <Text className='yx-tabbar__text' style={{ color: on ? TAB_SELECTED_COLOR : TAB_COLOR }}>
              {t.text}
            </Text>
          </View>
        )
      })}
    </View>
  )
}
