import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import type { ResponseCacheConfig } from '../config';
import { createResponseCache } from '../response-cache';
import type { ResponseStore } from '../stores';

const CONFIG: ResponseCacheConfig = {
  enabled: true,
  cacheControl: 'public, max-age=0, must-revalidate',
  ttlSeconds: 60,
  maxMemoryMb: 1,
  maxBodyKb: 64,
  paths: ['/articles'],
  redisUrl: '',
  redisKeyPrefix: '',
  redisTimeoutMs: 100,
};

/** A store whose every lookup fails, as Redis does while it is down. */
const downStore = (): ResponseStore =>
  ({
    lookup: async () => {
      throw new Error('Connection is closed.');
    },
  }) as unknown as ResponseStore;

/** The parts of a Koa context `serve` reads and writes for a public GET. */
const publicGet = (): Context =>
  ({
    method: 'GET',
    path: '/api/articles',
    querystring: '',
    vary: () => undefined,
    get: () => '',
    set: () => undefined,
  }) as unknown as Context;

describe('createResponseCache warnings', () => {
  let warnings: string[];
  let strapi: Core.Strapi;

  beforeEach(() => {
    jest.useFakeTimers({ now: 1_000_000 });
    warnings = [];
    strapi = {
      plugin: () => undefined,
      config: { get: (_key: string, fallback: unknown) => fallback },
      log: { warn: (line: string) => warnings.push(line), debug: () => undefined },
    } as unknown as Core.Strapi;
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  it('serves without the cache while the store is down, warning at once and then at most every 10 s with the number held back', async () => {
    const cache = createResponseCache(strapi, CONFIG, downStore());
    const next = jest.fn(async () => undefined);

    await cache.serve(publicGet(), next);
    await cache.serve(publicGet(), next);
    jest.advanceTimersByTime(9_999);
    await cache.serve(publicGet(), next);
    jest.advanceTimersByTime(1);
    await cache.serve(publicGet(), next);

    expect(next).toHaveBeenCalledTimes(4);
    expect(warnings).toEqual([
      '[response-cache] Cache unavailable, serving without it: Connection is closed.',
      '[response-cache] Cache unavailable, serving without it: Connection is closed. (2 similar messages held back since the last one)',
    ]);
  });
});
