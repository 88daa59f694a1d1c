declare module '@qiun/ucharts' {
  /** uCharts 2.5 (canvas charts for mini-programs and H5); typed loosely: options are plain objects. */
  export default class uCharts {
    constructor(opts: Record<string, unknown>)
    updateData(data: Record<string, unknown>): void
    getCurrentDataIndex(e: unknown): number | { index: number }
    showToolTip(e: unknown, opts?: Record<string, unknown>): void
  }
}
