/**
 * The five maps (#11) on the WeChat build: DistrictMap as `taro build native-components` emits it (dist/native), in
 * miniprogram-simulate with the official wcc. Each test mounts it with the props its screen passes and reads what the
 * native `<map>` receives through Taro's own template (base.wxml): the centre and scale, markers at the pin and the
 * cases, the check-in / nearby radius as a circle, the street boundaries as polygons, hot-spot clusters sized by count.
 */
import { STREETS } from '@domain/org/seed/streets'
import { bubbleRadius, clusterHotspots, type HotCell } from '@domain/stats/stats-clusters'
import { NATIVE_DIR, requireBuild } from './builds'
import { fakePageStack, mount, nodes, simulate, templateAttributes, type RenderNode, type SimComponent } from './simulate'

type LngLat = [number, number]
interface Marker { id: number; longitude: number; latitude: number; width: number; height: number; label?: { content: string } }
interface Circle { longitude: number; latitude: number; radius: number; fillColor: string; color: string }
interface Polygon { points: Array<{ longitude: number; latitude: number }> }
interface MapAttrs { longitude: number; latitude: number; scale: number; markers: Marker[]; circles: Circle[]; polygons: Polygon[]; 'show-location': boolean }

const GEO = {
  streets: STREETS.map((s) => ({ _id: s._id, name: s.name, centre: s.centre, boundary: s.boundary })),
  communities: [],
}
const WUFENG = STREETS.find((s) => s._id === 'street-wufeng')!
const GATE: LngLat = [119.283, 26.104] // 左海公园北门

let template: ReturnType<typeof templateAttributes>
beforeAll(() => {
  requireBuild(NATIVE_DIR, 'components/DistrictMap/index.json', 'npm run build:native')
  fakePageStack()
  template = templateAttributes('map')
})

/** Mounts the map and reads the attributes of its `<map>` once Taro's setData has arrived. */
async function mapOf(props: Record<string, unknown>): Promise<{ comp: SimComponent; attrs: MapAttrs }> {
  const comp = mount('components/DistrictMap', { ariaLabel: '地图', ...props })
  for (let i = 0; i < 50 && !comp.dom.querySelector('wx-map'); i++) await simulate.sleep(10)
  expect(comp.dom.querySelector('wx-map')).toBeTruthy() // the template drew a native map
  const node = nodes(comp.instance.data.root).find((n: RenderNode) => n.nn === template.nn)
  if (!node) throw new Error('no map node in the render tree')
  const attrs = Object.fromEntries(Object.entries(template.attrs).map(([name, key]) => [name, node[key]])) as unknown as MapAttrs
  return { comp, attrs }
}

const at = (p: { longitude: number; latitude: number }): LngLat => [p.longitude, p.latitude]

test('the template feeds the map its centre, scale, markers, circles, polygons and own position', () => {
  expect(Object.keys(template.attrs)).toEqual(expect.arrayContaining(['longitude', 'latitude', 'scale', 'markers', 'circles', 'polygons', 'show-location']))
})

test('citizen: the pin as a marker, the view on it, every street boundary as a polygon', async () => {
  const { comp, attrs } = await mapOf({ name: 'report', geo: GEO, pin: GATE, spanM: 250 })
  expect(at(attrs)).toEqual(GATE)
  expect(attrs.scale).toBe(17)
  expect(attrs.markers).toHaveLength(1)
  expect(attrs.markers[0]).toMatchObject({ id: 0, longitude: GATE[0], latitude: GATE[1] })
  expect(attrs.circles).toEqual([])
  expect(attrs.polygons).toHaveLength(STREETS.length)
  // in the streets' order, every vertex of each boundary
  expect(attrs.polygons[STREETS.indexOf(WUFENG)].points.map(at)).toEqual(WUFENG.boundary.coordinates[0])
  expect(attrs['show-location']).toBe(false)
  comp.detach()
})

test('nearby: the open cases as numbered markers beside the pin, the 100 m radius as a circle', async () => {
  const cases: LngLat[] = [[119.2832, 26.1042], [119.2827, 26.1036]]
  const { comp, attrs } = await mapOf({
    name: 'report',
    geo: GEO,
    pin: GATE,
    spanM: 250,
    circle: { centre: GATE, radiusM: 100 },
    markers: cases.map((p, i) => ({ id: `GL-${i}`, point: p, label: String(i + 1), color: '#ff7d00' })),
  })
  expect(attrs.markers.map((m) => [m.id, at(m), m.label?.content])).toEqual([
    [0, GATE, undefined],
    [1, cases[0], '1'],
    [2, cases[1], '2'],
  ])
  expect(attrs.circles).toEqual([expect.objectContaining({ longitude: GATE[0], latitude: GATE[1], radius: 100 })])
  comp.detach()
})

test('handler: the meeting place, picked on the map, as the pin', async () => {
  const place: LngLat = [119.2861, 26.1012]
  const { comp, attrs } = await mapOf({ name: 'call-place', geo: GEO, pin: place, spanM: 250 })
  expect(at(attrs)).toEqual(place)
  expect(attrs.markers.map(at)).toEqual([place])
  expect(attrs.polygons).toHaveLength(STREETS.length)
  comp.detach()
})

test("officer: the site, the check-in radius around it, the officer's own position, a view wide enough for both", async () => {
  const site: LngLat = [119.2861, 26.1012]
  const me: LngLat = [119.2881, 26.1022]
  const { comp, attrs } = await mapOf({ name: 'site', geo: GEO, pin: site, focus: site, circle: { centre: site, radiusM: 200 }, me, spanM: 600 })
  expect(at(attrs)).toEqual(site)
  expect(attrs.scale).toBe(16)
  expect(attrs.markers.map(at)).toEqual([site])
  expect(attrs.circles).toEqual([expect.objectContaining({ longitude: site[0], latitude: site[1], radius: 200 })])
  expect(attrs['show-location']).toBe(true)
  comp.detach()
})

test('leader: hot-spot clusters as markers sized by count, with a coloured circle each, over the street boundaries', async () => {
  const cell = (id: string, code: string, count: number, p: LngLat): HotCell => ({ cell: id, categoryCode: code, categoryName: code, count, centre: p })
  const clusters = clusterHotspots([cell('50:1:1', 'fumes', 9, [119.2865, 26.1015]), cell('50:1:2', 'fumes', 3, [119.2868, 26.1017]), cell('50:9:9', 'lamp', 2, [119.31, 26.07])])
  const max = Math.max(...clusters.map((c) => c.count))
  const markers = clusters.map((c, i) => ({ id: c.id, point: c.centre, size: bubbleRadius(c.count, max), color: ['#0072b2', '#e69f00'][i], label: String(c.count) }))
  const { comp, attrs } = await mapOf({ name: 'hotspots', geo: GEO, markers, communities: false, height: 300 })
  expect(attrs.scale).toBe(12) // the whole district
  expect(attrs.polygons).toHaveLength(STREETS.length)
  // the two fumes cells are one cluster of 12 (the biggest bubble), the lamp far away another of 2
  expect(clusters.map((c) => c.count)).toEqual([12, 2])
  expect(markers.map((m) => m.size)).toEqual([22, 12])
  expect(attrs.markers.map((m) => [at(m), m.label?.content, m.width])).toEqual([
    [clusters[0].centre, '12', 44],
    [clusters[1].centre, '2', 24],
  ])
  expect(attrs.circles.map((c) => [at(c), c.radius, c.fillColor])).toEqual([
    [clusters[0].centre, 22 * 12, '#0072b266'],
    [clusters[1].centre, 12 * 12, '#e69f0066'],
  ])
  comp.detach()
})
