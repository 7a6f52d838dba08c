/**
 * A log line that may repeat on every request or flush (a failing row, a full table), printed at most
 * once per interval: the first occurrence at once, later ones with how many were held back meanwhile.
 */
export class ThrottledLog {
  private lastAt = Number.NEGATIVE_INFINITY;
  private suppressed = 0;

  constructor(
    private readonly write: (message: string) => void,
    private readonly intervalMs = 60_000,
    private readonly now: () => number = () => Date.now()
  ) {}

  /** Logs `message` unless one was logged less than the interval ago; returns whether it was logged. */
  log(message: string): boolean {
    const now = this.now();
    if (now - this.lastAt < this.intervalMs) {
      this.suppressed += 1;
      return false;
    }
    const held = this.suppressed;
    this.lastAt = now;
    this.suppressed = 0;
    this.write(
      held > 0
        ? `${message} (${held} similar message${held === 1 ? '' : 's'} held back since the last one)`
        : message
    );
    return true;
  }
}
