import Redis from 'ioredis';
import ipaddr from 'ipaddr.js';
import { LRUCache } from 'lru-cache';
import { connected } from '../utils/redis-ready';

/** Length of one rate-limit window. */
export const WINDOW_MS = 60_000;
/** Most clients the memory store tracks; the least recently seen are forgotten first. */
const MAX_TRACKED_CLIENTS = 100_000;

/** Points a read spends: 1, plus 1 per 100 entries of estimated cost. */
export const pointsFor = (entries: number): number => Math.ceil(Math.max(0, entries) / 100);

/**
 * The rate-limit key of a client address: IPv4 as it is, IPv6 by its /64 (one home or server usually
 * holds a whole /64, so per-address keys would let one client rotate through billions of them); null
 * for loopback, which is not limited: a reverse proxy on the same machine that is not declared
 * (IS_PROXIED) would otherwise put every reader of the site into one allowance.
 */
export function clientKey(ip: string): string | null {
  if (!ipaddr.isValid(ip)) return ip;
  const address = ipaddr.process(ip);
  if (address.range() === 'loopback') return null;
  if (address.kind() === 'ipv4') return address.toString();
  const parts = (address as ipaddr.IPv6).parts.slice(0, 4);
  return `${parts.map((part) => part.toString(16)).join(':')}::/64`;
}

/** The points a client spent in the current window, and when that window ends. */
export interface Spent {
  spent: number;
  resetInMs: number;
}

/** Where spent points are counted: per instance in memory, or shared through Redis. */
export interface PointStore {
  spend(client: string, points: number): Promise<Spent>;
  close(): Promise<void>;
}

/** Fixed one-minute windows in memory (one instance). */
export function memoryPoints(): PointStore {
  const windows = new LRUCache<string, { start: number; spent: number }>({
    max: MAX_TRACKED_CLIENTS,
    ttl: WINDOW_MS,
  });
  return {
    async spend(client, points) {
      const now = Date.now();
      const start = now - (now % WINDOW_MS);
      const current = windows.get(client);
      const window = current && current.start === start ? current : { start, spent: 0 };
      window.spent += points;
      windows.set(client, window);
      return { spent: window.spent, resetInMs: start + WINDOW_MS - now };
    },
    async close() {
      windows.clear();
    },
  };
}

/** Longest a read waits for the first connection to Redis (at start); later outages fail at once. */
const FIRST_CONNECTION_WAIT_MS = 2000;

/** Fixed one-minute windows in Redis, shared by every instance: one INCRBY (and PEXPIRE) per call. */
export function redisPoints(options: {
  url: string;
  keyPrefix: string;
  timeoutMs: number;
  onError: (error: Error) => void;
}): PointStore {
  const redis = new Redis(options.url, {
    commandTimeout: options.timeoutMs,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
  });
  redis.on('error', options.onError);
  // Reads right after start would otherwise go unlimited until the connection is up.
  let firstConnection: Promise<void> | null = connected(redis, FIRST_CONNECTION_WAIT_MS).finally(
    () => {
      firstConnection = null;
    }
  );
  return {
    async spend(client, points) {
      if (firstConnection) await firstConnection;
      const now = Date.now();
      const start = now - (now % WINDOW_MS);
      const key = `${options.keyPrefix}${client}:${start}`;
      const results = await redis
        .multi()
        .incrby(key, points)
        .pexpire(key, WINDOW_MS * 2)
        .exec();
      const [error, spent] = results?.[0] ?? [new Error('no reply'), 0];
      if (error) throw error;
      return { spent: Number(spent), resetInMs: start + WINDOW_MS - now };
    },
    async close() {
      redis.disconnect();
    },
  };
}
