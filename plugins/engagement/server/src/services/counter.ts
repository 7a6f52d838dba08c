import type { Core } from '@strapi/strapi';
import Redis from 'ioredis';
import { eventFields } from '../lib/buffer-keys';
import { createBotFilter } from '../lib/bots';
import { dayNumber } from '../lib/days';
import { newDailySecret, previousDayInWindow, visitorKey } from '../lib/visitor';
import { ThrottledLog } from '../lib/throttled-log';
import { createFlushHealth, type FlushHealth } from '../lib/flush-health';
import { MemoryStore } from '../stores/memory';
import { RedisStore, within } from '../stores/redis';
import type { BatchMarker, CountStore, FlushResult } from '../stores/types';
import { getConfig, getService } from '../utils';

export interface CountEvent {
  uid: string;
  documentId: string;
  /** 'view' or 'share:<network>'. */
  metric: string;
  ip: string;
  userAgent: string | undefined;
}

const DOCUMENT_CHANNEL = 'documents';
/** Announces that stored totals changed (a flush, a migration, a reset): every instance forgets its cached totals. */
const COUNTS_CHANNEL = 'counts';

/**
 * Counts events: drops bots, deduplicates by visitor key inside the window, adds to the buffer (memory or
 * Redis) and flushes the buffer to the database on a timer and at shutdown.
 */
const counter = ({ strapi }: { strapi: Core.Strapi }) => {
  let store: CountStore = new MemoryStore();
  let isBot: (userAgent: string | undefined) => boolean = () => false;
  let timer: NodeJS.Timeout | null = null;
  let secret: { day: number; value: string } | null = null;
  let closed = false;
  let flushErrorLogged = false;
  let closing: Promise<void> | null = null;
  let windowMs = 0;
  const connections: Redis[] = [];

  /** Today's day number, recomputed only when a UTC day ends (no Date object per request). */
  let dayCache = { day: 0, endsAt: 0 };
  const today = (now: number): number => {
    if (now >= dayCache.endsAt) {
      const startOfDay = now - (now % 86_400_000);
      dayCache = { day: dayNumber(now), endsAt: startOfDay + 86_400_000 };
    }
    return dayCache.day;
  };

  const health = createFlushHealth((message) => strapi.log.warn(message));
  const write = async (increments: Map<string, number>, marker?: BatchMarker) => {
    const { refused, failures } = await getService(strapi, 'tables').addIncrements(
      increments,
      marker
    );
    health.written(increments.size - refused.size, failures);
    return refused;
  };
  const readMarker = (key: string) => getService(strapi, 'tables').batchMarker(key);

  /** Connects to Redis without holding up startup longer than the connect timeout. */
  async function connectRedis(): Promise<Redis> {
    const { url, connectTimeoutMs } = getConfig(strapi).redis;
    const client = new Redis(url, {
      lazyConnect: true,
      // Commands fail at once while disconnected instead of queueing: the request falls back to memory.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: connectTimeoutMs,
      retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
    });
    let errorLogged = false;
    client.on('error', (error: Error) => {
      if (errorLogged) return;
      errorLogged = true;
      strapi.log.warn(`[engagement] Redis connection error: ${error.message}`);
    });
    client.on('ready', () => {
      errorLogged = false;
    });
    connections.push(client);
    // Startup waits for Redis at most connectTimeoutMs; ioredis keeps reconnecting in the background.
    let timeout: NodeJS.Timeout | undefined;
    await Promise.race([
      client.connect().catch(() => undefined),
      new Promise<void>((resolve) => {
        timeout = setTimeout(resolve, connectTimeoutMs);
      }),
    ]);
    clearTimeout(timeout);
    return client;
  }

  /** A document's published state changed on another instance. */
  function documentChanged(message: string): void {
    let change: { uid: string; documentId: string };
    try {
      change = JSON.parse(message) as { uid: string; documentId: string };
    } catch {
      strapi.log.warn('[engagement] Ignored a malformed document-change message.');
      return;
    }
    const publishedCache = getService(strapi, 'published-cache');
    publishedCache.forget(change.uid, change.documentId);
    publishedCache
      .refresh(change.uid, change.documentId)
      .catch((error: Error) =>
        strapi.log.warn(
          `[engagement] Could not refresh ${change.uid} ${change.documentId}: ${error.message}`
        )
      );
  }

  /**
   * Other instances announce document changes and writes to the stored totals on Redis so every
   * published cache and totals cache stays current. Not awaited: while Redis is down the subscription
   * waits in the queue and ioredis re-subscribes after each reconnect. Announcements missed during an
   * outage are made up for on reconnect (the published cache is reloaded, cached totals are forgotten),
   * and by the database check on a miss meanwhile.
   */
  function subscribeToChanges(client: Redis, prefix: string): void {
    const subscriber = client.duplicate({ enableOfflineQueue: true, maxRetriesPerRequest: null });
    // Any disconnect, however short, may have dropped announcements: the next 'ready' catches up.
    let lost = false;
    let errorLogged = false;
    subscriber.on('close', () => {
      lost = true;
    });
    subscriber.on('error', (error: Error) => {
      if (errorLogged) return;
      errorLogged = true;
      strapi.log.warn(
        `[engagement] Redis subscription lost (${error.message}); document changes are re-checked against the database until it is back.`
      );
    });
    subscriber.on('ready', () => {
      errorLogged = false;
      if (!lost) return;
      lost = false;
      getService(strapi, 'tables').forgetCachedTotals();
      getService(strapi, 'published-cache')
        .load()
        .catch((error: Error) =>
          strapi.log.warn(
            `[engagement] Could not reload the published documents after Redis came back: ${error.message}`
          )
        );
    });
    connections.push(subscriber);
    subscriber.on('message', (channel: string, message: string) => {
      if (channel === `${prefix}${COUNTS_CHANNEL}`)
        getService(strapi, 'tables').forgetCachedTotals();
      else documentChanged(message);
    });
    subscriber
      .subscribe(`${prefix}${DOCUMENT_CHANNEL}`, `${prefix}${COUNTS_CHANNEL}`)
      .catch((error: Error) =>
        strapi.log.warn(`[engagement] Could not subscribe to changes: ${error.message}`)
      );
  }

  /** Publishes `message` to the other instances; a warning naming `what` when it could not be sent. */
  async function publish(channel: string, message: string, what: string): Promise<void> {
    const client = connections[0];
    if (!client) return;
    try {
      if (client.status !== 'ready') throw new Error(`connection is ${client.status}`);
      const { keyPrefix, commandTimeoutMs } = getConfig(strapi).redis;
      // Bounded: a REST write or a flush awaits this, and a stalled Redis must not stall them.
      await within(client.publish(`${keyPrefix}${channel}`, message), commandTimeoutMs, 'PUBLISH');
    } catch (error) {
      strapi.log.warn(
        `[engagement] Could not tell other instances that ${what} (${(error as Error).message}).`
      );
    }
  }

  return {
    /** Creates the store, starts the flush timer. Called in bootstrap. */
    async init(): Promise<void> {
      const config = getConfig(strapi);
      isBot = createBotFilter(config.botPatterns);
      windowMs = config.dedupeWindowSeconds * 1000;
      closed = false;
      closing = null;
      const fullLog = new ThrottledLog((message) => strapi.log.warn(message));
      const memory = new MemoryStore(undefined, {
        maxVisitors: config.dedupeMaxVisitors,
        // Kept in the plugin's table: a restart keeps the day's visitor keys (and two days are kept).
        secret: (day) =>
          getService(strapi, 'dedupe-state')
            .secret(day, dayNumber(Date.now() - 86_400_000))
            .catch((error: Error) => {
              // Counting goes on with a secret of this process alone; only a restart's dedupe is lost.
              strapi.log.warn(
                `[engagement] The secret of ${day} could not be read from the database (${error.message}); using one of this process for the day.`
              );
              return newDailySecret();
            }),
        onFull: () =>
          fullLog.log(
            `[engagement] The dedupe table holds ${config.dedupeMaxVisitors} visitors (dedupeMaxVisitors); new visitors are not counted until older ones leave the window.`
          ),
      });
      if (config.store === 'redis') {
        const client = await connectRedis();
        store = new RedisStore(client, {
          keyPrefix: config.redis.keyPrefix,
          log: strapi.log,
          commandTimeoutMs: config.redis.commandTimeoutMs,
          fallback: memory,
        });
        if (client.status !== 'ready')
          strapi.log.warn(
            `[engagement] Redis at ${new URL(config.redis.url).host} is not reachable yet; counting in memory until it is.`
          );
        subscribeToChanges(client, config.redis.keyPrefix);
      } else {
        store = memory;
        // Visitors still inside their window when the last instance stopped are not counted again.
        memory.restoreVisitors(await getService(strapi, 'dedupe-state').takeSeen(Date.now()));
      }
      timer = setInterval(() => {
        void this.flush().catch(() => undefined);
      }, config.flushIntervalMs);
      // The timer alone must not keep a process alive (tests, scripts); destroy() clears it anyway.
      timer.unref();
    },

    /** 'memory' or 'redis'. */
    storeKind(): 'memory' | 'redis' {
      return store.kind;
    },

    /**
     * Counts one view or share unless it comes from a bot or the visitor already did the same inside the
     * dedupe window. Resolves to whether it was counted. The raw IP and user agent go into the HMAC only.
     */
    async record(event: CountEvent): Promise<boolean> {
      if (isBot(event.userAgent)) return false;
      const now = Date.now();
      const day = today(now);
      // The memory store's secret is final for the day; the Redis store caches the shared one itself and
      // may hand out a local one during an outage, which must not stick once Redis is back.
      let daySecret: string;
      if (store.kind === 'memory') {
        if (!secret || secret.day !== day) secret = { day, value: await store.dailySecret(day) };
        daySecret = secret.value;
      } else {
        daySecret = await store.dailySecret(day);
      }
      const parts = {
        ip: event.ip,
        userAgent: event.userAgent ?? '',
        uid: event.uid,
        documentId: event.documentId,
        action: event.metric,
      };
      const key = visitorKey(daySecret, parts);
      // Shortly after midnight the visitor may have been seen under yesterday's secret.
      const previousDay = previousDayInWindow(now, windowMs, dayNumber);
      const previousKey =
        previousDay === null ? undefined : visitorKey(await store.dailySecret(previousDay), parts);
      const fields = eventFields(event.uid, event.documentId, day, event.metric);
      // The memory store answers synchronously: skip a promise on the hot path.
      const counted =
        store instanceof MemoryStore
          ? store.recordSync(key, windowMs, fields, previousKey)
          : await store.record(key, windowMs, fields, previousKey);
      // After shutdown began, the final flush has run: write stragglers through so nothing is lost.
      if (counted && closed) await this.flush();
      return counted;
    },

    /** Buffered amounts of these fields (not yet in the database). */
    buffered(fields: readonly string[]): Promise<number[]> {
      return store.read(fields);
    },

    /** All buffered fields. */
    bufferedAll(): Promise<Map<string, number>> {
      return store.readAll();
    },

    /** Writes the buffer to the database now. Resolves to null when another instance holds the lock. */
    async flush(): Promise<FlushResult | null> {
      try {
        const result = await store.flush(write, readMarker);
        flushErrorLogged = false;
        return result;
      } catch (error) {
        health.failed(error as Error);
        if (!flushErrorLogged) {
          flushErrorLogged = true;
          strapi.log.warn(
            `[engagement] Flushing counts failed, they are kept and retried: ${(error as Error).message}`
          );
        }
        throw error;
      }
    },

    /** How flushing goes: last success, last error (with the refused keys), fields still pending, and whether Redis answers. */
    async health(): Promise<FlushHealth> {
      const buffer: FlushHealth['buffer'] =
        store instanceof RedisStore
          ? { store: 'redis', reachable: store.available }
          : { store: 'memory' };
      return health.report((await store.readAll()).size, buffer);
    },

    /** Drops buffered increments for which `drop(field)` is true (a deleted or reset document). */
    discard(drop: (field: string) => boolean): Promise<void> {
      return store.discard(drop);
    },

    /**
     * Tells the other instances (over Redis) that a document changed; call it after the change committed.
     * Without Redis nothing is sent: the others find out by their database check on a miss, or by
     * reloading when Redis is back.
     */
    async announce(uid: string, documentId: string): Promise<void> {
      await publish(
        DOCUMENT_CHANNEL,
        JSON.stringify({ uid, documentId }),
        `${uid} ${documentId} changed; they re-check it against the database`
      );
    },

    /**
     * Tells the other instances (over Redis) that stored totals were written; call it after the commit.
     * Without Redis nothing is sent. A lost announcement costs at most `countsCacheSeconds` of stale
     * stored totals on the others.
     */
    async announceCounts(): Promise<void> {
      await publish(
        COUNTS_CHANNEL,
        '',
        `stored counts changed; their cached counts expire within ${getConfig(strapi).countsCacheSeconds}s`
      );
    },

    /** Final flush (retried once), then timers and connections are released. Called in destroy; idempotent. */
    close(): Promise<void> {
      closing ??= this.closeNow();
      return closing;
    },

    /** The shutdown itself; use close(). */
    async closeNow(): Promise<void> {
      if (timer) clearInterval(timer);
      timer = null;
      closed = true;
      for (let attempt = 0; attempt < 2; attempt += 1) {
        try {
          await this.flush();
          break;
        } catch (error) {
          if (attempt === 1)
            strapi.log.error(
              `[engagement] Counts could not be written at shutdown: ${(error as Error).message}`
            );
        }
      }
      if (store instanceof MemoryStore) {
        try {
          await getService(strapi, 'dedupe-state').saveSeen(store.liveVisitors());
        } catch (error) {
          strapi.log.warn(
            `[engagement] The dedupe window could not be kept for the next start (repeat visitors may count again): ${(error as Error).message}`
          );
        }
      }
      await store.close();
      await Promise.all(
        connections.splice(0).map((client) =>
          client.status === 'ready'
            ? client.quit().then(
                () => undefined,
                () => client.disconnect()
              )
            : Promise.resolve(client.disconnect())
        )
      );
    },
  };
};

export type CounterService = ReturnType<typeof counter>;
export default counter;
