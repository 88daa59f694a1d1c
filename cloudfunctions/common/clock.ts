import type { Clock } from '@domain/common/clock';

/**
 * Server clock. In the cloud this is the system clock. The local cloud may run on a fake clock (tests, demos):
 * it passes the offset between its clock and the system clock in YX_CLOCK_OFFSET_MS at each invocation.
 */
export const serverClock: Clock = {
  now: () => Date.now() + (Number(process.env.YX_CLOCK_OFFSET_MS) || 0),
};
