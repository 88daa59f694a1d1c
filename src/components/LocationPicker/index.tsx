import { useState } from 'react'
import { chooseLocation } from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import type { Place } from '@domain/shared/geo.distance'
import type { BootstrapCommunity, BootstrapStreet } from '@/services/types'
import './index.scss'

/** Where the problem is: a map point (optional), the street/community, and the address people read. */
export interface LocationValue {
  /** [lng, lat] from the map (weapp chooseLocation) or the device (H5 geolocation) */
  point?: [number, number]
  streetId?: string
  communityId?: string
  /** address text: from the map pick, or typed */
  address?: string
}

export interface LocationPickerProps {
  value: LocationValue
  onChange: (value: LocationValue) => void
  streets: BootstrapStreet[]
  communities: BootstrapCommunity[]
  /** inline error message under the block */
  error?: string
  disabled?: boolean
}

/** The Place a form submits: only when there is a real point (never a made-up centre). */
export function placeOf(value: LocationValue, fallbackAddress = '现场位置'): Place | undefined {
  if (!value.point) return undefined
  const address = (value.address ?? '').trim() || fallbackAddress
  return { point: { type: 'Point', coordinates: value.point }, address: address.slice(0, 200) }
}

function geolocationAvailable(): boolean {
  return typeof navigator !== 'undefined' && !!navigator.geolocation
}

/**
 * Location picker that works offline. weapp: 在地图上选点 (Taro.chooseLocation). H5 (no outside map service):
 * 使用我的位置 via navigator.geolocation when the browser has it. On both: choose street → community as
 * big chips, and an optional address line. Controlled: `value` / `onChange`.
 */
export default function LocationPicker({ value, onChange, streets, communities, error, disabled = false }: LocationPickerProps) {
  const [locating, setLocating] = useState(false)
  const [locateError, setLocateError] = useState<string | null>(null)
  const streetCommunities = communities.filter((c) => c.streetId === value.streetId)
  const isWeapp = process.env.TARO_ENV === 'weapp'

  const chooseOnMap = async () => {
    if (disabled) return
    setLocateError(null)
    try {
      const res = await chooseLocation({})
      const address = [res.address, res.name].filter(Boolean).join(' ')
      onChange({ ...value, point: [res.longitude, res.latitude], address: address || value.address })
    } catch (err) {
      const msg = (err as { errMsg?: string } | null)?.errMsg ?? ''
      if (!/cancel/i.test(msg)) setLocateError('无法打开地图选点，请检查定位权限，或在下方选择社区')
    }
  }

  const useMyPosition = () => {
    if (disabled || !geolocationAvailable()) return
    setLocating(true)
    setLocateError(null)
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setLocating(false)
        onChange({ ...value, point: [pos.coords.longitude, pos.coords.latitude] })
      },
      () => {
        setLocating(false)
        setLocateError('定位失败，请在下方选择街道和社区')
      },
      { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 },
    )
  }

  return (
    <View className='yx-location'>
      <View className='yx-location__point'>
        {value.point ? (
          <View className='yx-location__pinned'>
            <Text className='yx-location__pinned-text'>
              已定位 {value.point[1].toFixed(5)}, {value.point[0].toFixed(5)}
            </Text>
            {!disabled ? (
              <View
                className='yx-location__link'
                ariaRole='button'
                ariaLabel='清除定位'
                onClick={() => onChange({ ...value, point: undefined })}
              >
                <Text>清除</Text>
              </View>
            ) : null}
          </View>
        ) : null}
        {isWeapp ? (
          <View className='btn-secondary yx-location__btn' hoverClass='btn-secondary--hover' ariaRole='button' ariaLabel='在地图上选点' onClick={() => void chooseOnMap()}>
            <Text>{value.point ? '重新选点' : '在地图上选点'}</Text>
          </View>
        ) : geolocationAvailable() ? (
          <View className='btn-secondary yx-location__btn' hoverClass='btn-secondary--hover' ariaRole='button' ariaLabel='使用我的位置' onClick={useMyPosition}>
            <Text>{locating ? '正在定位…' : value.point ? '重新定位' : '使用我的位置'}</Text>
          </View>
        ) : null}
        {locateError ? <Text className='yx-location__hint yx-location__hint--error'>{locateError}</Text> : null}
      </View>

      <Text className='yx-location__label'>所在街道（镇）</Text>
      <View className='yx-location__chips' ariaRole='radiogroup' ariaLabel='所在街道'>
        {streets.map((s) => (
          <View
            key={s._id}
            className={`yx-chip ${value.streetId === s._id ? 'yx-chip--on' : ''}`}
            ariaRole='radio'
            ariaLabel={s.name}
            onClick={() => !disabled && onChange({ ...value, streetId: s._id, communityId: value.streetId === s._id ? value.communityId : undefined })}
          >
            <Text>{s.name}</Text>
          </View>
        ))}
      </View>

      {value.streetId ? (
        <>
          <Text className='yx-location__label'>所在社区</Text>
          {streetCommunities.length ? (
            <View className='yx-location__chips' ariaRole='radiogroup' ariaLabel='所在社区'>
              {streetCommunities.map((c) => (
                <View
                  key={c._id}
                  className={`yx-chip ${value.communityId === c._id ? 'yx-chip--on' : ''}`}
                  ariaRole='radio'
                  ariaLabel={c.name}
                  onClick={() => !disabled && onChange({ ...value, communityId: c._id })}
                >
                  <Text>{c.name}</Text>
                </View>
              ))}
            </View>
          ) : (
            <Text className='yx-location__hint'>该街道暂无社区数据</Text>
          )}
        </>
      ) : null}

      <Text className='yx-location__label'>详细地址（选填）</Text>
      <Input
        className='yx-location__input'
        value={value.address ?? ''}
        maxlength={200}
        disabled={disabled}
        placeholder='如：五一北路 123 号门口'
        ariaLabel='详细地址'
        onInput={(e) => onChange({ ...value, address: e.detail.value })}
      />
      {error ? <Text className='yx-field-error'>{error}</Text> : null}
    </View>
  )
}
