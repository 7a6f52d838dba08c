import { FixedWindowLimiter } from '../rate-limiter';

describe('FixedWindowLimiter', () => {
  it('allows max hits per key and window, then tells when to retry; a new window starts afresh', () => {
    let now = 1_000_000;
    const limiter = new FixedWindowLimiter(2, 60_000, () => now);
    expect(limiter.hit('a').allowed).toBe(true);
    expect(limiter.hit('a').allowed).toBe(true);
    expect(limiter.hit('b').allowed).toBe(true);
    now += 15_000;
    expect(limiter.hit('a')).toEqual({ allowed: false, retryAfterSeconds: 45 });
    now += 45_000;
    expect(limiter.hit('a').allowed).toBe(true);
  });
});
