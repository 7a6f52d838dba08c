/**
 * A fixed-window request counter per key. The whole table is dropped when a window ends, so no sweeping
 * timer is needed, and it holds at most `maxKeys` clients per window: beyond that a new client is
 * answered `tracked: false` (the caller serves it without counting), never an evicted key's fresh start.
 */
export class FixedWindowLimiter {
  private hits = new Map<string, number>();
  private windowStart: number;

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly now: () => number = () => Date.now(),
    private readonly maxKeys = Number.POSITIVE_INFINITY
  ) {
    this.windowStart = now();
  }

  /**
   * Counts one request for `key`; returns whether it is allowed and, if not, seconds until the window
   * ends; `tracked` is false for a new key while the table is full (allowed, but the caller must not count it).
   */
  hit(key: string): { allowed: boolean; retryAfterSeconds: number; tracked: boolean } {
    const now = this.now();
    if (now - this.windowStart >= this.windowMs) {
      this.hits.clear();
      this.windowStart = now;
    }
    const previous = this.hits.get(key);
    if (previous === undefined && this.hits.size >= this.maxKeys)
      return { allowed: true, retryAfterSeconds: 0, tracked: false };
    const count = (previous ?? 0) + 1;
    this.hits.set(key, count);
    if (count <= this.max) return { allowed: true, retryAfterSeconds: 0, tracked: true };
    return {
      allowed: false,
      retryAfterSeconds: Math.max(1, Math.ceil((this.windowStart + this.windowMs - now) / 1000)),
      tracked: true,
    };
  }
}
