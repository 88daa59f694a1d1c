/** Time is injected: domain code never reads the system clock. Values are epoch milliseconds. */
export interface Clock {
  now(): number;
}

/** A clock that stays where it is put (tests, replays). */
export function fixedClock(at: number): Clock & { set(at: number): void; advance(ms: number): void } {
  let t = at;
  return {
    now: () => t,
    set: (next: number) => { t = next; },
    advance: (ms: number) => { t += ms; },
  };
}

/** Business time zone: every "day", "month" and deadline shown to people is in Asia/Shanghai. */
export const BUSINESS_TZ = 'Asia/Shanghai';
