// After each e2e test: a failed test leaves its report under artifacts/e2e/failures/ (browser.ts reportFailure).
import { reportFailure } from './browser'

afterEach(async () => {
  await reportFailure()
})
