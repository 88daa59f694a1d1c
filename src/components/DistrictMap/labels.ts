/**
 * Label placement for the offline map: street (and community) names where they do not overlap each other, the pin or
 * the hot-spot bubbles. Greedy, in the order given (the caller puts the labels it wants most first): each label tries
 * its anchor, then above, below, right, left, the diagonals and two lines away; a label that fits nowhere is left out at this zoom (zooming in
 * spreads the dense centre — 鼓西, 东街, 南街, 安泰 — apart, and their names come back).
 */
export interface LabelWish {
  key: string
  text: string
  x: number
  y: number
  fontSize: number
}
export interface Obstacle {
  x: number
  y: number
  r: number
}
export interface PlacedLabel {
  key: string
  text: string
  x: number
  y: number
  fontSize: number
}
/** a rectangle in svg px that labels keep clear of (the zoom buttons, the note) */
export interface Box {
  x0: number
  y0: number
  x1: number
  y1: number
}

/** Width of a text in px: CJK characters one em, others about 0.6 em. */
export function textWidth(text: string, fontSize: number): number {
  let w = 0
  for (const ch of text) w += /[\u2e80-\u9fff\uff00-\uffef]/.test(ch) ? fontSize : fontSize * 0.6
  return w
}

const overlaps = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1
const hitsCircle = (a: Box, o: Obstacle) => {
  const cx = Math.max(a.x0, Math.min(o.x, a.x1))
  const cy = Math.max(a.y0, Math.min(o.y, a.y1))
  return (cx - o.x) ** 2 + (cy - o.y) ** 2 < o.r ** 2
}

/** Labels (text-anchor middle, y = baseline) inside `width` × `height`, none overlapping another, an obstacle or a reserved box. */
export function placeLabels(wishes: readonly LabelWish[], obstacles: readonly Obstacle[], width: number, height: number, reserved: readonly Box[] = []): PlacedLabel[] {
  const taken: Box[] = [...reserved]
  const out: PlacedLabel[] = []
  for (const w of wishes) {
    const tw = textWidth(w.text, w.fontSize)
    const gap = 3
    const line = w.fontSize + gap
    const side = tw + gap
    const tries: Array<[number, number]> = [
      [0, 0], [0, -line], [0, line], [side, 0], [-side, 0],
      [side / 2, -line], [-side / 2, -line], [side / 2, line], [-side / 2, line], [0, -2 * line], [0, 2 * line],
    ]
    for (const [dx, dy] of tries) {
      const x = w.x + dx
      const y = w.y + dy
      const box = { x0: x - tw / 2 - 1, y0: y - w.fontSize * 0.85, x1: x + tw / 2 + 1, y1: y + w.fontSize * 0.2 }
      if (box.x0 < 0 || box.x1 > width || box.y0 < 0 || box.y1 > height) continue
      if (taken.some((b) => overlaps(b, box)) || obstacles.some((o) => hitsCircle(box, o))) continue
      taken.push(box)
      out.push({ key: w.key, text: w.text, x, y, fontSize: w.fontSize })
      break
    }
  }
  return out
}
