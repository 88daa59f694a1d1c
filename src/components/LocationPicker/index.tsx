import { useEffect, useState } from 'react'
import { chooseLocation, getLocation } from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import type { Place } from '@domain/common/geo-distance'
import type { LngLat } from '@domain/geo/geo-types'
import { locatePoint, type Located } from '@domain/routing/routing-locate'
import DistrictMap, { type DistrictGeo, type MapMarker } from '@/components/DistrictMap'
import type { BootstrapCommunity, BootstrapStreet } from '@domain/contract'
import './index.scss'

/** Where the problem is: a map point, the street/community it lies in, and the address people read. */
export interface LocationValue {
  /** [lng, lat] from the map pin (tap, chooseLocation) or the device */
  point?: [number, number]
  streetId?: string
  communityId?: string
  /** address text: from the map pick, or typed */
  address?: string
  /** 不便提供位置: no point; street, community and address are asked instead */
  noLocation?: boolean
  /** the pin lies outside the district (the form refuses it) */
  outside?: boolean
}

export interface LocationPickerProps {
  value: LocationValue
  onChange: (value: LocationValue) => void
  streets: BootstrapStreet[]
  communities: BootstrapCommunity[]
  /** the district's boundaries (geo.districtMap); null while loading */
  geo?: DistrictGeo | null
  /** open cases nearby, drawn on the map */
  markers?: MapMarker[]
  /** radius drawn around the pin (the nearby search) */
  radiusM?: number
  /** inline error message under the block */
  error?: string
  disabled?: boolean
}

/** The Place a form submits: only when there is a real point inside the district (never a made-up centre). */
export function placeOf(value: LocationValue, fallbackAddress = '现场位置'): Place | undefined {
  if (!value.point || value.noLocation || value.outside) return undefined
  const address = (value.address ?? '').trim() || fallbackAddress
  return { point: { type: 'Point', coordinates: value.point }, address: address.slice(0, 200) }
}

/** The value after the pin moved to `p`: street and community from the boundaries (or `outside`). */
export function pinnedAt(value: LocationValue, p: LngLat, geo: DistrictGeo | null, address?: string): LocationValue {
  const next: LocationValue = { ...value, point: [p[0], p[1]], noLocation: false, outside: false, ...(address !== undefined ? { address } : {}) }
  if (!geo) return next
  const where = locatePoint(p, geo as never)
  if (!where.inside) return { ...next, outside: true, streetId: undefined, communityId: undefined }
  return { ...next, streetId: where.streetId, communityId: where.communityId }
}

function geolocationAvailable(): boolean {
  return typeof navigator !== 'undefined' && !!navigator.geolocation
}

/**
 * The problem's place on a map: a pin placed by tapping the map (and, in WeChat, 在地图上选点 through
 * `chooseLocation`) or by 使用我的位置; the street and community it lies in shown in words, from the district's
 * boundaries; a point outside the district is refused with a clear message. 不便提供位置 switches to choosing the
 * street and community and typing the address. Controlled: `value` / `onChange`.
 */
export default function LocationPicker({ value, onChange, streets, communities, geo = null, markers, radiusM, error, disabled = false }: LocationPickerProps) {
  const [locating, setLocating] = useState(false)
  const [locateError, setLocateError] = useState<string | null>(null)
  const streetCommunities = communities.filter((c) => c.streetId === value.streetId)
  const isWeapp = process.env.TARO_ENV === 'weapp'

  // boundaries arriving after a pin was set (a restored draft): locate it now
  useEffect(() => {
    if (geo && value.point && !value.noLocation && !value.streetId && !value.outside) onChange(pinnedAt(value, value.point, geo))
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [geo])

  // the address field: the same in both modes (with a pin, and 不便提供位置)
  const addressField = (
    <Input
      className='yx-location__input'
      value={value.address ?? ''}
      maxlength={200}
      disabled={disabled}
      placeholder='如：五一北路 123 号门口'
      ariaLabel='详细地址'
      onInput={(e) => onChange({ ...value, address: e.detail.value })}
    />
  )
  const pin = (p: LngLat, address?: string) => {
    if (disabled) return
    setLocateError(null)
    onChange(pinnedAt(value, p, geo, address))
  }

  const chooseOnMap = async () => {
    if (disabled) return
    setLocateError(null)
    try {
      const res = await chooseLocation(value.point ? { longitude: value.point[0], latitude: value.point[1] } : {})
      const address = [res.address, res.name].filter(Boolean).join(' ')
      pin([res.longitude, res.latitude], address || value.address)
    } catch (err) {
      const msg = (err as { errMsg?: string } | null)?.errMsg ?? ''
      if (!/cancel/i.test(msg)) setLocateError('无法打开地图选点，请检查定位权限，或点击地图选点')
    }
  }

  const useMyPosition = () => {
    if (disabled) return
    setLocating(true)
    setLocateError(null)
    if (isWeapp) {
      getLocation({ type: 'gcj02' }).then(
        (res) => {
          setLocating(false)
          pin([res.longitude, res.latitude])
        },
        () => {
          setLocating(false)
          setLocateError('定位失败，请点击地图选点')
        },
      )
      return
    }
    if (!geolocationAvailable()) {
      setLocating(false)
      setLocateError('当前浏览器不支持定位，请点击地图选点')
      return
    }
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setLocating(false)
        pin([pos.coords.longitude, pos.coords.latitude])
      },
      () => {
        setLocating(false)
        setLocateError('定位失败，请点击地图选点')
      },
      { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 },
    )
  }

  const located: Located | null =
    value.point && geo && !value.noLocation ? locatePoint(value.point, geo as never) : null

  if (value.noLocation) {
    return (
      <View className='yx-location'>
        <View className='yx-location__mode'>
          <Text className='yx-location__mode-text'>不便提供位置：请选择所在街道和社区，并填写详细地址</Text>
          {!disabled ? (
            <View className='yx-location__link' ariaRole='button' ariaLabel='改为在地图上选点' onClick={() => onChange({ ...value, noLocation: false })}>
              <Text>改为地图选点</Text>
            </View>
          ) : null}
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
        <Text className='yx-location__label'>详细地址</Text>
        {addressField}
        {error ? <Text className='yx-field-error'>{error}</Text> : null}
      </View>
    )
  }

  return (
    <View className='yx-location'>
      <DistrictMap name='report'
        geo={geo}
        pin={value.point}
        onPick={disabled ? undefined : (p) => pin(p)}
        markers={markers}
        circle={value.point && radiusM && !value.outside ? { centre: value.point, radiusM } : undefined}
        spanM={value.point ? 250 : undefined}
        ariaLabel='问题位置地图'
      />
      <View className='yx-location__actions'>
        <View className='btn-secondary yx-location__btn' hoverClass='btn-secondary--hover' ariaRole='button' ariaLabel='使用我的位置' onClick={useMyPosition}>
          <Text>{locating ? '正在定位…' : '使用我的位置'}</Text>
        </View>
        {isWeapp ? (
          <View className='btn-secondary yx-location__btn' hoverClass='btn-secondary--hover' ariaRole='button' ariaLabel='在地图上选点' onClick={() => void chooseOnMap()}>
            <Text>{value.point ? '重新选点' : '在地图上选点'}</Text>
          </View>
        ) : null}
      </View>
      {locateError ? <Text className='yx-location__hint yx-location__hint--error'>{locateError}</Text> : null}
      {value.point ? (
        located && !located.inside ? (
          <View className='yx-location__where yx-location__where--outside' ariaRole='alert'>
            <Text>{located.message}</Text>
          </View>
        ) : (
          <View className='yx-location__where'>
            <Text className='yx-location__where-text'>
              {located && located.inside ? `${located.streetName} · ${located.communityName ?? '未知社区'}${located.nearEdge ? '（边界附近）' : ''}` : '正在识别所在街道…'}
            </Text>
            {!disabled ? (
              <View className='yx-location__link' ariaRole='button' ariaLabel='清除定位' onClick={() => onChange({ ...value, point: undefined, streetId: undefined, communityId: undefined, outside: false })}>
                <Text>清除</Text>
              </View>
            ) : null}
          </View>
        )
      ) : (
        <Text className='yx-location__hint'>点击地图放置图钉，或使用我的位置</Text>
      )}
      <Text className='yx-location__label'>详细地址（选填）</Text>
      {addressField}
      {!disabled ? (
        <View
          className='yx-location__link yx-location__nolocation'
          ariaRole='button'
          ariaLabel='不便提供位置'
          onClick={() => onChange({ ...value, noLocation: true, point: undefined, outside: false })}
        >
          <Text>不便提供位置？改为选择街道社区</Text>
        </View>
      ) : null}
      {error ? <Text className='yx-field-error'>{error}</Text> : null}
    </View>
  )
}
