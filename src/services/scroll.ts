/** Bringing part of a page into view (a help, never a failure: errors are swallowed). */
import { pageScrollTo } from '@tarojs/taro'

/** The page back to its top (e.g. a success page that replaced a long, scrolled form). */
export function scrollToTop(): void {
  try {
    void Promise.resolve(pageScrollTo({ scrollTop: 0, duration: 0 })).catch(() => undefined)
  } catch {
    // not available here
  }
}

/** The element with this id into view (e.g. the first field with an error). */
export function scrollToAnchor(id: string): void {
  try {
    void Promise.resolve(pageScrollTo({ selector: `#${id}`, duration: 200 })).catch(() => undefined)
  } catch {
    // not available here
  }
}
