/// <reference types="@tarojs/taro" />

declare module '*.png'
declare module '*.gif'
declare module '*.jpg'
declare module '*.jpeg'
declare module '*.svg'
declare module '*.css'
declare module '*.scss'

/** Cloud environment id, injected by config/index.ts defineConstants (not a secret). */
declare const CLOUD_ENV: string

declare namespace NodeJS {
  interface ProcessEnv {
    /** The platform being built, replaced at build time by Taro (weapp or h5 here). */
    TARO_ENV?: 'weapp' | 'swan' | 'alipay' | 'h5' | 'rn' | 'tt' | 'qq' | 'jd' | 'harmony' | 'jdrn'
    TARO_APP_CLOUD_ENV?: string
  }
}
