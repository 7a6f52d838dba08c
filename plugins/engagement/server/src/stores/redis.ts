import { randomBytes } from 'node:crypto';
import type Redis from 'ioredis';
import { errorMessage } from '../lib/errors';
import { newDailySecret } from '../lib/visitor';
import { MemoryStore } from './memory';
import type { CountStore, FlushResult, ReadMarker, WriteIncrements } from './types';

/**
 * Marks the visitor key seen (SET NX PX) and adds 1 to each field of the shared buffer, atomically, in
 * one round trip. KEYS[1] = seen key, KEYS[2] = buffer hash, KEYS[3] = the visitor's seen key under
 * yesterday's secret (KEYS[1] again when there is none); ARGV[1] = window ms (0: no dedupe),
 * ARGV[2] = deadline (Redis clock, ms), ARGV[3..] = fields. Returns -1 and changes nothing when it runs
 * after its deadline: the caller has given up waiting by then and counted the event in memory, and a
 * command a slow (paused, overloaded) Redis runs late must not count it a second time.
 */
const RECORD_SCRIPT = `
local now = redis.call('TIME')
if tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000) > tonumber(ARGV[2]) then return -1 end
if ARGV[1] ~= '0' then
  if KEYS[3] ~= KEYS[1] and redis.call('EXISTS', KEYS[3]) == 1 then return 0 end
  if not redis.call('SET', KEYS[1], '1', 'PX', ARGV[1], 'NX') then return 0 end
end
for i = 3, #ARGV do redis.call('HINCRBY', KEYS[2], ARGV[i], 1) end
return 1`;

/** Field of the flushing hash holding the batch's sequence number (never a buffer field: no '|'). */
const SEQ_FIELD = '__seq';

/**
 * Takes the buffer for flushing: a batch left by a failed or killed flush is taken first (it was never
 * deleted, so nothing is lost); otherwise the live buffer is renamed, which is atomic, so increments
 * arriving meanwhile go to a fresh buffer, and the batch gets the next sequence number. KEYS[1] = buffer,
 * KEYS[2] = flushing, KEYS[3] = sequence. Returns 0 (nothing), 1 (fresh batch) or 2 (a batch left over).
 */
const TAKE_SCRIPT = `
if redis.call('EXISTS', KEYS[2]) == 1 then return 2 end
if redis.call('EXISTS', KEYS[1]) == 1 then
  redis.call('RENAME', KEYS[1], KEYS[2])
  redis.call('HSET', KEYS[2], '${SEQ_FIELD}', redis.call('INCR', KEYS[3]))
  return 1
end
return 0`;

/** Releases the lock only if this instance still holds it. KEYS[1] = lock, ARGV[1] = token. */
const UNLOCK_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

type ScriptedRedis = Redis & {
  engagementRecord(
    seenKey: string,
    bufferKey: string,
    previousSeenKey: string,
    windowMs: string,
    deadline: string,
    ...fields: string[]
  ): Promise<number>;
  engagementTake(bufferKey: string, flushingKey: string, seqKey: string): Promise<number>;
  engagementUnlock(lockKey: string, token: string): Promise<number>;
};

export interface RedisStoreOptions {
  keyPrefix: string;
  /** How long the flush lock is held at most (a crashed holder frees it after this). */
  lockTtlMs?: number;
  log: { warn(message: string): void; info(message: string): void };
  /** Where events go while Redis is unreachable; flushed by this instance directly. */
  fallback?: MemoryStore;
  /**
   * How long a request waits for Redis (default 200 ms). A slower answer is treated like an outage: the
   * event is counted in memory and Redis is left alone for `retryAfterMs` before it is tried again.
   */
  commandTimeoutMs?: number;
  /** How long Redis is bypassed after a command timed out (default 1000 ms). */
  retryAfterMs?: number;
}

/** Flush and discard steps are not on a request's path: they may wait longer, but never forever. */
const BATCH_TIMEOUT_MS = 10_000;
/** How often the offset between this machine's clock and Redis's is measured (for record deadlines). */
const CLOCK_CHECK_MS = 60_000;

/** A Redis command that did not answer in time (it may still run later). */
export class RedisTimeoutError extends Error {}

/**
 * Resolves like `promise`, or rejects with a RedisTimeoutError after `ms`. The command may still run
 * later (Redis queues it); callers make that harmless (deadlines in scripts, idempotent steps).
 */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new RedisTimeoutError(`Redis did not answer ${what} within ${ms} ms`)),
      ms
    );
  });
  // If the timeout wins, a later failure of the command itself has nobody left to tell: the timeout
  // already reported the problem (markDown), so it is deliberately not reported twice.
  promise.catch(() => undefined);
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const toCounts = (hash: Record<string, string>): Map<string, number> => {
  const counts = new Map<string, number>();
  for (const [field, value] of Object.entries(hash)) {
    const amount = Number(value);
    if (Number.isFinite(amount) && amount !== 0) counts.set(field, amount);
  }
  return counts;
};

/**
 * The shared store: one buffer hash and one dedupe window for every instance. Flushes run under a lock
 * so one instance writes at a time. When Redis is unreachable, events are counted in this process's
 * memory (logged once) and flushed from there: requests keep getting answers, never a 500.
 */
export class RedisStore implements CountStore {
  readonly kind = 'redis' as const;
  readonly fallback: MemoryStore;
  private readonly redis: ScriptedRedis;
  private readonly keys: {
    buffer: string;
    flushing: string;
    lock: string;
    seen: string;
    salt: string;
    seq: string;
  };
  private readonly markerKey: string;
  private readonly lockTtlMs: number;
  private readonly log: RedisStoreOptions['log'];
  private readonly commandTimeoutMs: number;
  private readonly retryAfterMs: number;
  private secret: { day: number; value: string } | null = null;
  private previousSecret: { day: number; value: string } | null = null;
  private degraded = false;
  /** After a timeout, Redis is bypassed until this time (then the next request tries it again). */
  private bypassUntil = 0;
  /** Redis clock minus this machine's clock (ms), measured every CLOCK_CHECK_MS. */
  private clock: { offsetMs: number; checkedAt: number } | null = null;

  constructor(redis: Redis, options: RedisStoreOptions) {
    const prefix = options.keyPrefix;
    this.keys = {
      buffer: `${prefix}buffer`,
      flushing: `${prefix}buffer:flushing`,
      lock: `${prefix}flush-lock`,
      seen: `${prefix}seen:`,
      salt: `${prefix}salt:`,
      seq: `${prefix}batch-seq`,
    };
    this.markerKey = prefix.slice(0, 64) || 'default';
    this.lockTtlMs = options.lockTtlMs ?? 60_000;
    this.log = options.log;
    this.fallback = options.fallback ?? new MemoryStore();
    this.commandTimeoutMs = options.commandTimeoutMs ?? 200;
    this.retryAfterMs = options.retryAfterMs ?? 1000;
    redis.defineCommand('engagementRecord', { numberOfKeys: 3, lua: RECORD_SCRIPT });
    redis.defineCommand('engagementTake', { numberOfKeys: 3, lua: TAKE_SCRIPT });
    redis.defineCommand('engagementUnlock', { numberOfKeys: 1, lua: UNLOCK_SCRIPT });
    this.redis = redis as ScriptedRedis;
  }

  /**
   * True while the connection is ready and Redis has not just been too slow; commands are not queued
   * while it is not (they would stall requests).
   */
  get available(): boolean {
    return (
      this.redis.status === 'ready' && (this.bypassUntil === 0 || Date.now() >= this.bypassUntil)
    );
  }

  /** A hot-path command: at most commandTimeoutMs. */
  private fast<T>(promise: Promise<T>, what: string): Promise<T> {
    return within(promise, this.commandTimeoutMs, what);
  }

  /** A flush or discard step: at most BATCH_TIMEOUT_MS. */
  private batch<T>(promise: Promise<T>, what: string): Promise<T> {
    return within(promise, BATCH_TIMEOUT_MS, what);
  }

  /** The Redis clock's offset from this machine's, measured with TIME (a read, answered even while writes are paused). */
  private async clockOffset(): Promise<number> {
    const now = Date.now();
    if (this.clock && now - this.clock.checkedAt < CLOCK_CHECK_MS) return this.clock.offsetMs;
    const [seconds, micros] = await this.fast(this.redis.time(), 'TIME');
    const after = Date.now();
    const redisNow = Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
    this.clock = { offsetMs: redisNow - Math.round((now + after) / 2), checkedAt: after };
    return this.clock.offsetMs;
  }

  /** Logs the switch to memory once per outage; a timeout also bypasses Redis for retryAfterMs. */
  private markDown(error: unknown): void {
    if (error instanceof RedisTimeoutError) this.bypassUntil = Date.now() + this.retryAfterMs;
    if (this.degraded) return;
    this.degraded = true;
    this.log.warn(
      `[engagement] Redis is unreachable or too slow (${errorMessage(error)}); counting in this instance's memory until it answers in time again.`
    );
  }

  private markUp(): void {
    this.bypassUntil = 0;
    if (!this.degraded) return;
    this.degraded = false;
    this.log.info('[engagement] Redis is reachable again; counting in the shared buffer.');
  }

  private unavailableReason(): string {
    return this.redis.status === 'ready'
      ? `Redis was slower than ${this.commandTimeoutMs} ms`
      : `connection is ${this.redis.status}`;
  }

  async dailySecret(day: number): Promise<string> {
    if (this.secret?.day === day) return this.secret.value;
    if (this.previousSecret?.day === day) return this.previousSecret.value;
    if (!this.available) {
      this.markDown(new Error(this.unavailableReason()));
      return this.fallback.dailySecret(day);
    }
    try {
      const key = `${this.keys.salt}${day}`;
      // First instance to ask creates the day's secret; it expires two days later and is never logged.
      await this.fast(
        this.redis.set(key, newDailySecret(), 'PX', 2 * 86_400_000, 'NX'),
        'SET (daily secret)'
      );
      const value = await this.fast(this.redis.get(key), 'GET (daily secret)');
      if (!value) throw new Error('daily secret vanished');
      // Two days are kept: yesterday's is asked for too while the dedupe window crosses midnight.
      if (this.secret && this.secret.day !== day) this.previousSecret = this.secret;
      this.secret = { day, value };
      return value;
    } catch (error) {
      this.markDown(error);
      return this.fallback.dailySecret(day);
    }
  }

  async record(
    visitorKey: string,
    windowMs: number,
    fields: readonly string[],
    previousKey?: string
  ): Promise<boolean> {
    if (!this.available) {
      this.markDown(new Error(this.unavailableReason()));
      return this.fallback.recordSync(visitorKey, windowMs, fields, previousKey);
    }
    try {
      // The script must run within half the timeout (Redis clock), so that a run Redis makes after this
      // request gave up changes nothing; the other half covers the answer's way back.
      const deadline =
        Date.now() + (await this.clockOffset()) + Math.floor(this.commandTimeoutMs / 2);
      const seenKey = `${this.keys.seen}${visitorKey}`;
      const previousSeenKey = previousKey ? `${this.keys.seen}${previousKey}` : seenKey;
      const counted = await this.fast(
        this.redis.engagementRecord(
          seenKey,
          this.keys.buffer,
          previousSeenKey,
          String(windowMs),
          String(deadline),
          ...fields
        ),
        'a view'
      );
      if (counted === -1)
        throw new RedisTimeoutError(
          `Redis ran a view after its ${Math.floor(this.commandTimeoutMs / 2)} ms deadline`
        );
      this.markUp();
      return counted === 1;
    } catch (error) {
      this.markDown(error);
      return this.fallback.recordSync(visitorKey, windowMs, fields, previousKey);
    }
  }

  async read(fields: readonly string[]): Promise<number[]> {
    const local = this.fallback.readSync(fields);
    if (!this.available || fields.length === 0) return local;
    try {
      const [buffered, flushing] = await this.fast(
        Promise.all([
          this.redis.hmget(this.keys.buffer, ...fields),
          this.redis.hmget(this.keys.flushing, ...fields),
        ]),
        'HMGET'
      );
      return local.map(
        (amount, index) => amount + Number(buffered[index] ?? 0) + Number(flushing[index] ?? 0)
      );
    } catch (error) {
      this.markDown(error);
      return local;
    }
  }

  async readAll(): Promise<Map<string, number>> {
    const all = this.fallback.readAllSync();
    if (!this.available) return all;
    try {
      const [buffered, flushing] = await this.batch(
        Promise.all([this.redis.hgetall(this.keys.buffer), this.redis.hgetall(this.keys.flushing)]),
        'HGETALL'
      );
      for (const [field, amount] of [...toCounts(buffered), ...toCounts(flushing)])
        all.set(field, (all.get(field) ?? 0) + amount);
      return all;
    } catch (error) {
      this.markDown(error);
      return all;
    }
  }

  async flush(write: WriteIncrements, readMarker?: ReadMarker): Promise<FlushResult | null> {
    // What was counted in memory during an outage belongs to this instance alone: no lock needed.
    const local = await this.fallback.flush(write);
    if (!this.available) return local;
    const token = randomBytes(12).toString('hex');
    // Until SET answers, the lock may be ours (a timed-out SET can still run): release it in any case.
    let mayHoldLock = true;
    try {
      const locked =
        (await this.batch(
          this.redis.set(this.keys.lock, token, 'PX', this.lockTtlMs, 'NX'),
          'SET (flush lock)'
        )) === 'OK';
      mayHoldLock = locked;
      if (!locked) return local && local.fields > 0 ? local : null;
      const taken = await this.batch(
        this.redis.engagementTake(this.keys.buffer, this.keys.flushing, this.keys.seq),
        'taking the buffer'
      );
      if (taken === 0) return { fields: local?.fields ?? 0 };
      const hash = await this.batch(this.redis.hgetall(this.keys.flushing), 'HGETALL (batch)');
      const seq = Number(hash[SEQ_FIELD] ?? 0);
      delete hash[SEQ_FIELD];
      const batch = toCounts(hash);
      const marker = seq > 0 ? { key: this.markerKey, seq } : undefined;
      // A left-over batch may have reached the database just before its flusher died: the marker written
      // in the same transaction tells, so it is written at most once.
      const alreadyWritten =
        taken === 2 && marker && readMarker ? (await readMarker(marker.key)) >= marker.seq : false;
      const refused = batch.size > 0 && !alreadyWritten ? await write(batch, marker) : undefined;
      // Rows the database refused go back to the live buffer for the next flush (the marker already
      // covers this batch, so the flushing hash must not be written again).
      if (refused && refused.size > 0) {
        const pipeline = this.redis.pipeline();
        for (const [field, amount] of refused) pipeline.hincrby(this.keys.buffer, field, amount);
        await this.batch(pipeline.exec(), 'HINCRBY (refused rows)');
      }
      // Deleted only after the database accepted it: a failed or killed flush leaves it for the next one.
      await this.batch(this.redis.del(this.keys.flushing), 'DEL (batch)');
      return {
        fields: (alreadyWritten ? 0 : batch.size - (refused?.size ?? 0)) + (local?.fields ?? 0),
      };
    } finally {
      // Commands of one connection run in order, so this unlock runs after a SET that timed out, too.
      if (mayHoldLock)
        await this.batch(
          this.redis.engagementUnlock(this.keys.lock, token),
          'releasing the flush lock'
        ).catch((error: unknown) => this.markDown(error));
    }
  }

  async discard(drop: (field: string) => boolean): Promise<void> {
    await this.fallback.discard(drop);
    if (!this.available) return;
    for (const key of [this.keys.buffer, this.keys.flushing]) {
      const fields = Object.keys(
        await this.batch(this.redis.hgetall(key), 'HGETALL (discard)')
      ).filter(drop);
      if (fields.length > 0) await this.batch(this.redis.hdel(key, ...fields), 'HDEL (discard)');
    }
  }

  async close(): Promise<void> {
    await this.fallback.close();
  }
}
