import { newDailySecret } from '../lib/visitor';
import type { CountStore, FlushResult, ReadMarker, WriteIncrements } from './types';

/** Adds every amount of `from` into `into`. */
export function mergeInto(into: Map<string, number>, from: ReadonlyMap<string, number>): void {
  for (const [field, amount] of from) into.set(field, (into.get(field) ?? 0) + amount);
}

/** Expired visitor keys forgotten per counted event at most: the sweep is spread over requests. */
const SWEEP_PER_EVENT = 32;

export interface MemoryLimits {
  /** Visitor keys the dedupe table holds at most; when it is full, new visitors are not counted. */
  maxVisitors?: number;
  /** Called each time a new visitor is refused because the table is full (the caller throttles its log). */
  onFull?: () => void;
  /** Where the secret of a day comes from (the plugin's table, so it survives restarts); random per process otherwise. */
  secret?: (day: number) => Promise<string>;
}

/**
 * The single-process store: a Map of increments and a Map of visitor keys with their expiry. Node runs
 * each request's synchronous part alone, so check-and-set on the Maps needs no lock. The visitor Map is
 * kept in expiry order (a key is re-inserted when it is seen again after its window), so the sweep only
 * ever looks at its oldest entries, a few per event: no pause however large the table. Its size is
 * capped: under a flood of distinct (spoofed) visitors, new ones are refused counting rather than
 * growing memory without bound or evicting keys that are still inside their window (a double count).
 */
export class MemoryStore implements CountStore {
  readonly kind = 'memory' as const;
  private buffer = new Map<string, number>();
  private inFlight: Map<string, number> | null = null;
  private flushing: Promise<FlushResult | null> | null = null;
  private readonly seen = new Map<string, number>();
  /** Secrets of the last two days asked for (today's and yesterday's while the window crosses midnight). */
  private readonly secrets = new Map<number, string>();

  constructor(
    private readonly now: () => number = () => Date.now(),
    private readonly limits: MemoryLimits = {}
  ) {}

  async dailySecret(day: number): Promise<string> {
    const known = this.secrets.get(day);
    if (known) return known;
    const value = this.limits.secret ? await this.limits.secret(day) : newDailySecret();
    this.secrets.set(day, value);
    for (const older of this.secrets.keys())
      if (this.secrets.size > 2 && older !== day) this.secrets.delete(older);
    return value;
  }

  /** Synchronous core of `record`, also used by the Redis store's fallback. */
  recordSync(
    visitorKey: string,
    windowMs: number,
    fields: readonly string[],
    previousKey?: string
  ): boolean {
    if (windowMs > 0) {
      const now = this.now();
      this.sweep(now, SWEEP_PER_EVENT);
      const until = this.seen.get(visitorKey);
      if (until !== undefined && until > now) return false;
      // Seen before midnight under yesterday's key, inside the window: the same visitor.
      if (previousKey !== undefined && (this.seen.get(previousKey) ?? 0) > now) return false;
      if (until !== undefined) this.seen.delete(visitorKey);
      else if (this.limits.maxVisitors !== undefined && this.seen.size >= this.limits.maxVisitors) {
        this.limits.onFull?.();
        return false;
      }
      this.seen.set(visitorKey, now + windowMs);
    }
    for (const field of fields) this.buffer.set(field, (this.buffer.get(field) ?? 0) + 1);
    return true;
  }

  async record(
    visitorKey: string,
    windowMs: number,
    fields: readonly string[],
    previousKey?: string
  ): Promise<boolean> {
    return this.recordSync(visitorKey, windowMs, fields, previousKey);
  }

  /** Visitor keys still inside their window, with their expiry, oldest first (kept across a restart). */
  liveVisitors(): Array<[string, number]> {
    const now = this.now();
    return [...this.seen].filter(([, until]) => until > now);
  }

  /** Takes back visitor keys kept by the last shutdown (oldest first), up to the table's cap. */
  restoreVisitors(entries: ReadonlyArray<[string, number]>): void {
    for (const [key, until] of entries) {
      if (this.limits.maxVisitors !== undefined && this.seen.size >= this.limits.maxVisitors)
        return;
      this.seen.set(key, until);
    }
  }

  readSync(fields: readonly string[]): number[] {
    return fields.map((field) => (this.buffer.get(field) ?? 0) + (this.inFlight?.get(field) ?? 0));
  }

  async read(fields: readonly string[]): Promise<number[]> {
    return this.readSync(fields);
  }

  readAllSync(): Map<string, number> {
    const all = new Map(this.buffer);
    if (this.inFlight) mergeInto(all, this.inFlight);
    return all;
  }

  async readAll(): Promise<Map<string, number>> {
    return this.readAllSync();
  }

  /** Number of buffered fields (for tests and the bench). */
  get size(): number {
    return this.buffer.size + (this.inFlight?.size ?? 0);
  }

  async flush(write: WriteIncrements, _readMarker?: ReadMarker): Promise<FlushResult | null> {
    // One flush at a time: a second caller (timer and shutdown) waits for the running one, then flushes.
    while (this.flushing) await this.flushing.catch(() => undefined);
    this.flushing = this.flushNow(write);
    try {
      return await this.flushing;
    } finally {
      this.flushing = null;
    }
  }

  private async flushNow(write: WriteIncrements): Promise<FlushResult> {
    this.sweep(this.now(), Number.POSITIVE_INFINITY);
    if (this.buffer.size === 0) return { fields: 0 };
    const taken = this.buffer;
    this.buffer = new Map();
    this.inFlight = taken;
    try {
      const refused = await write(taken);
      // Rows the database refused wait in the buffer for the next flush; the rest is written.
      if (refused && refused.size > 0) mergeInto(this.buffer, refused);
      return { fields: taken.size - (refused?.size ?? 0) };
    } catch (error) {
      // Put the increments back so the next flush retries them; nothing counted is lost.
      mergeInto(this.buffer, taken);
      throw error;
    } finally {
      this.inFlight = null;
    }
  }

  /** Forgets up to `budget` visitor keys whose window has passed, oldest first; stops at the first live one. */
  private sweep(now: number, budget: number): void {
    let left = budget;
    for (const [key, until] of this.seen) {
      if (until > now || left <= 0) return;
      this.seen.delete(key);
      left -= 1;
    }
  }

  async discard(drop: (field: string) => boolean): Promise<void> {
    for (const field of [...this.buffer.keys()]) if (drop(field)) this.buffer.delete(field);
    if (this.inFlight)
      for (const field of [...this.inFlight.keys()]) if (drop(field)) this.inFlight.delete(field);
  }

  async close(): Promise<void> {
    this.seen.clear();
  }
}
