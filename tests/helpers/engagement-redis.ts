import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';

/** REDIS_URL when set: the Redis store tests run only then. */
export const REDIS_URL = process.env.REDIS_URL;

/** A key prefix of its own per test file, so parallel test files never share a buffer. */
export const uniquePrefix = (): string =>
  `engagement-test:${process.pid}-${randomBytes(4).toString('hex')}:`;

/** Every key under `prefix` with its value (strings and hashes), for privacy checks and cleanup. */
export async function dumpKeys(prefix: string): Promise<Record<string, unknown>> {
  const redis = new Redis(REDIS_URL as string);
  try {
    const keys = await redis.keys(`${prefix}*`);
    const dump: Record<string, unknown> = {};
    for (const key of keys) {
      const type = await redis.type(key);
      dump[key] =
        type === 'hash'
          ? await redis.hgetall(key)
          : type === 'string'
            ? await redis.get(key)
            : type;
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

export interface RedisProxy {
  url: string;
  /** Drops every connection and stops accepting new ones: Redis is "unreachable". */
  cut(): Promise<void>;
  /** Accepts connections again on the same port. */
  restore(): Promise<void>;
  close(): Promise<void>;
}

/** A TCP proxy in front of REDIS_URL whose link the test can cut and restore. */
export async function startRedisProxy(): Promise<RedisProxy> {
  const net = await import('node:net');
  const target = new URL(REDIS_URL as string);
  const sockets = new Set<import('node:net').Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port || 6379), target.hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => socket.destroy());
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as import('node:net').AddressInfo).port;
  const stop = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      for (const socket of sockets) socket.destroy();
    });
  return {
    url: `redis://127.0.0.1:${port}`,
    cut: stop,
    restore: () =>
      new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve())),
    close: async () => {
      if (server.listening) await stop();
    },
  };
}
