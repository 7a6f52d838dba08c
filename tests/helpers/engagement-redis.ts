import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';

/** REDIS_URL when set: the Redis store tests run only then. */
export const REDIS_URL = process.env.REDIS_URL;

/** A key prefix of its own per test file, so parallel test files never share a buffer. */
export const uniquePrefix = (): string => `engagement-test:${process.pid}-${randomBytes(4).toString('hex')}:`;

/** Every key under `prefix` with its value (strings and hashes), for privacy checks and cleanup. */
export async function dumpKeys(prefix: string): Promise<Record<string, unknown>> {
  const redis = new Redis(REDIS_URL as string);
  try {
    const keys = await redis.keys(`${prefix}*`);
    const dump: Record<string, unknown> = {};
    for (const key of keys) {
      const type = await redis.type(key);
      dump[key] = type === 'hash' ? await redis.hgetall(key) : type === 'string' ? await redis.get(key) : type;
    }
    return dump;
  } finally {
    await redis.quit();
  }
}

/** Deletes every key under `prefix`. */
export async function deleteKeys(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL as string);
  try {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
  } finally {
    await redis.quit();
  }
}
