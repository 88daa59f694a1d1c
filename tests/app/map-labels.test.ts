/** Street names on the offline map never overlap each other, the pin or a hot-spot bubble (#11, dense centre). */
import { placeLabels, textWidth, type LabelWish } from '@/components/DistrictMap/labels'

const box = (l: { x: number; y: number; text: string; fontSize: number }) => {
  const w = textWidth(l.text, l.fontSize)
  return { x0: l.x - w / 2, x1: l.x + w / 2, y0: l.y - l.fontSize * 0.85, y1: l.y + l.fontSize * 0.2 }
}
const overlap = (a: ReturnType<typeof box>, b: ReturnType<typeof box>) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1

test('four streets whose centres are a few px apart: each placed name is clear of the others; the rest wait for zoom', () => {
  // 鼓西, 东街, 南街, 安泰 at the district scale: centres within 12 px
  const wishes: LabelWish[] = [
    { key: 'a', text: '鼓西街道', x: 180, y: 130, fontSize: 10 },
    { key: 'b', text: '东街街道', x: 188, y: 134, fontSize: 10 },
    { key: 'c', text: '南街街道', x: 184, y: 142, fontSize: 10 },
    { key: 'd', text: '安泰街道', x: 192, y: 140, fontSize: 10 },
  ]
  const placed = placeLabels(wishes, [], 360, 300)
  expect(placed.length).toBeGreaterThanOrEqual(3)
  for (let i = 0; i < placed.length; i++) for (let j = i + 1; j < placed.length; j++) expect(overlap(box(placed[i]), box(placed[j]))).toBe(false)
  // the first keeps its anchor; the others moved
  expect(placed[0]).toMatchObject({ key: 'a', x: 180, y: 130 })
  expect(placed.slice(1).every((p) => p.x !== wishes.find((w) => w.key === p.key)!.x || p.y !== wishes.find((w) => w.key === p.key)!.y)).toBe(true)
  // with more room (zoomed in 4×) all four fit at or near their centres
  const zoomed = wishes.map((w) => ({ ...w, x: 180 + (w.x - 180) * 4, y: 130 + (w.y - 130) * 4, fontSize: 13 }))
  expect(placeLabels(zoomed, [], 360, 300)).toHaveLength(4)
})

test('a name keeps clear of a bubble and of the edges; a single character counts one em, latin 0.6 em', () => {
  const [l] = placeLabels([{ key: 'a', text: '五凤街道', x: 100, y: 100, fontSize: 10 }], [{ x: 100, y: 97, r: 12 }], 360, 300)
  expect(l).toBeDefined()
  expect(l.y === 100 && l.x === 100).toBe(false)
  expect(Math.hypot(l.x - 100, l.y - 97)).toBeGreaterThan(12)
  const [e] = placeLabels([{ key: 'e', text: '温泉街道', x: 2, y: 5, fontSize: 10 }], [], 360, 300)
  expect(box(e).x0).toBeGreaterThanOrEqual(0)
  expect(box(e).y0).toBeGreaterThanOrEqual(0)
  expect(placeLabels([{ key: 'x', text: '温泉街道', x: 20, y: 10, fontSize: 10 }], [], 30, 12)).toEqual([])
  expect(textWidth('鼓楼', 10)).toBe(20)
  expect(textWidth('A1', 10)).toBe(12)
})

test('names keep clear of what is drawn over the map (the zoom buttons, the note)', () => {
  const wish = { key: 'h', text: '洪山社区', x: 300, y: 20, fontSize: 10 }
  const buttons = { x0: 300, y0: 0, x1: 360, y1: 130 }
  const [free] = placeLabels([wish], [], 360, 300)
  expect(free).toMatchObject({ x: 300, y: 20 })
  const [moved] = placeLabels([wish], [], 360, 300, [buttons])
  expect(moved).toBeDefined()
  expect(overlap(box(moved), { x0: 300, y0: 0, x1: 360, y1: 130 })).toBe(false)
})
