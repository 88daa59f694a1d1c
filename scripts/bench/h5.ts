/**
 * H5 first render of the citizen home (随手拍) in Chromium against the embedded cloud: first contentful paint
 * and time until the tab bar and the page's own content are on screen, cold (fresh profile) and warm (reload),
 * median of several runs.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startLocalCloud } from '../../local';
import { H5_DIR, launchBrowser, requirePrerequisites } from '../../tests/e2e/browser';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function benchH5(runs = 5): Promise<Record<string, number | string>> {
  try {
    requirePrerequisites();
  } catch (err) {
    return { skipped: String((err as Error).message) };
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-h5-'));
  const cloud = await startLocalCloud({ dataDir, port: 0, staticRoot: H5_DIR });
  const cold: number[] = [];
  const fcp: number[] = [];
  const warm: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const browser = await launchBrowser();
      try {
        const page = await browser.context.newPage();
        const t0 = Date.now();
        await page.goto(cloud.url);
        await page.locator('.weui-tabbar__label', { hasText: '随手拍' }).first().waitFor();
        await page.locator('.taro_page').first().waitFor();
        cold.push(Date.now() - t0);
        fcp.push(
          await page.evaluate(() => {
            const e = performance.getEntriesByName('first-contentful-paint')[0];
            return e ? Math.round(e.startTime) : -1;
          }),
        );
        const t1 = Date.now();
        await page.reload();
        await page.locator('.weui-tabbar__label', { hasText: '随手拍' }).first().waitFor();
        warm.push(Date.now() - t1);
      } finally {
        await browser.close();
      }
    }
  } finally {
    await cloud.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  const jsBytes = fs
    .readdirSync(path.join(H5_DIR, 'js'))
    .filter((f) => f.endsWith('.js'))
    .reduce((n, f) => n + fs.statSync(path.join(H5_DIR, 'js', f)).size, 0);
  return {
    runs,
    firstContentfulPaintMsMedian: median(fcp),
    coldHomeRenderedMsMedian: median(cold),
    warmReloadMsMedian: median(warm),
    h5JsTotalKB: Math.round(jsBytes / 102.4) / 10,
  };
}
