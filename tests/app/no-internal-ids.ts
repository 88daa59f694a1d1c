/**
 * The internal-id scan every role's page tests use: rendered text (and the accessible labels people hear) must never
 * contain an internal id — dept-…, street-…, staff-…, comm-…, city-…, ch-…, rule-…, cat-… or an openid. Names come
 * from the org data; an unknown id reads as a neutral label (src/domain/common/format.ts).
 */
import { INTERNAL_ID_PATTERN } from '@domain/common/format'

/** The ids found in what the page shows (text and aria-labels), empty when clean. */
export function internalIdsIn(root: ParentNode = document.body): string[] {
  const texts = [(root as Element).textContent ?? '']
  for (const el of Array.from(root.querySelectorAll('[aria-label],[arialabel],[placeholder]'))) {
    for (const a of ['aria-label', 'arialabel', 'placeholder']) {
      const v = el.getAttribute(a)
      if (v) texts.push(v)
    }
  }
  const found = new Set<string>()
  for (const t of texts) for (const m of t.match(INTERNAL_ID_PATTERN) ?? []) found.add(m)
  return [...found]
}

/** Fails the test when the page shows an internal id. */
export function expectNoInternalIds(root: ParentNode = document.body): void {
  expect(internalIdsIn(root)).toEqual([])
}
