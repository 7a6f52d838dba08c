/**
 * A fixed-window request counter per key. The whole table is dropped when a window ends, so memory stays
 * bounded by the number of distinct clients in one window and no sweeping timer is needed.
 */
export class FixedWindowLimiter {
  private hits = new Map<string, number>();
  private windowStart: number;

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.windowStart = now();
  }

  /** Counts one request for `key`; returns whether it is allowed and, if not, seconds until the window ends. */
  hit(key: string): { allowed: boolean; retryAfterSeconds: number } {
    const now = this.now();
    if (now - this.windowStart >= this.windowMs) {
      this.hits.clear();
      this.windowStart = now;
    }
    const count = (this.hits.get(key) ?? 0) + 1;
    this.hits.set(key, count);
    if (count <= this.max) return { allowed: true, retryAfterSeconds: 0 };
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((this.windowStart + this.windowMs - now) / 1000)) };
  }
}
