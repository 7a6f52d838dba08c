import type Redis from 'ioredis';

/**
 * Resolves when the client is connected, or after `limitMs` (a command sent then fails as usual). For
 * clients without an offline queue, whose commands fail at once while the first connection is made.
 */
export function connected(redis: Redis, limitMs: number): Promise<void> {
  if (redis.status === 'ready') return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      redis.off('ready', done);
      resolve();
    };
    const timer = setTimeout(done, limitMs);
    timer.unref();
    redis.once('ready', done);
  });
}
