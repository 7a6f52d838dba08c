import { FixedWindowLimiter } from '../rate-limiter';

describe('FixedWindowLimiter', () => {
  it('allows max hits per key and window, then tells when to retry; a new window starts afresh', () => {
    let now = 1_000_000;
    const limiter = new FixedWindowLimiter(2, 60_000, () => now);
    expect(limiter.hit('a').allowed).toBe(true);
    expect(limiter.hit('a').allowed).toBe(true);
    expect(limiter.hit('b').allowed).toBe(true);
    now += 15_000;
    expect(limiter.hit('a')).toEqual({ allowed: false, retryAfterSeconds: 45, tracked: true });
    now += 45_000;
    expect(limiter.hit('a').allowed).toBe(true);
  });

  it('tracks at most maxKeys clients per window: new ones are allowed but untracked, known ones still limited', () => {
    let now = 0;
    const limiter = new FixedWindowLimiter(1, 60_000, () => now, 2);
    expect(limiter.hit('a').tracked).toBe(true);
    expect(limiter.hit('b').tracked).toBe(true);
    expect(limiter.hit('c')).toEqual({ allowed: true, retryAfterSeconds: 0, tracked: false });
    expect(limiter.hit('a').allowed).toBe(false);
    now += 60_000;
    expect(limiter.hit('c')).toEqual({ allowed: true, retryAfterSeconds: 0, tracked: true });
  });
});
