/** The tabBar icons the weapp build ships: present, PNG, 81x81 (drawn by tests/mp/tools/make-tabbar-icons.js). */
import fs from 'node:fs'
import path from 'node:path'
import { WEAPP_DIR, requireBuild } from './builds'

beforeAll(() => requireBuild(WEAPP_DIR, 'app.json', 'npm run build:weapp'))

test('every tabBar icon in dist/weapp is an 81x81 PNG', () => {
  const app = JSON.parse(fs.readFileSync(path.join(WEAPP_DIR, 'app.json'), 'utf8')) as {
    tabBar: { list: { pagePath: string; text: string; iconPath: string; selectedIconPath: string }[] }
  }
  expect(app.tabBar.list.map((t) => t.text)).toEqual(['随手拍', '我的诉求', '我的'])
  for (const tab of app.tabBar.list) {
    for (const icon of [tab.iconPath, tab.selectedIconPath]) {
      const buf = fs.readFileSync(path.join(WEAPP_DIR, icon))
      expect(buf.subarray(1, 4).toString('ascii')).toBe('PNG')
      expect([buf.readUInt32BE(16), buf.readUInt32BE(20)]).toEqual([81, 81])
      expect(buf.length).toBeLessThan(40 * 1024) // WeChat's limit per tabBar icon
    }
  }
})
