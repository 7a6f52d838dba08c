import { validateConfig } from '../config';

const valid = {
  enabled: true,
  cacheControl: 'public, max-age=0, s-maxage=60, stale-while-revalidate=300',
  ttlSeconds: 300,
  maxMemoryMb: 64,
  maxBodyKb: 1024,
  paths: ['/articles', '/tags'],
  redisUrl: '',
  redisKeyPrefix: 'response-cache:',
  redisTimeoutMs: 200,
};

describe('validateConfig', () => {
  it('accepts the defaults', () => {
    expect(validateConfig(valid)).toEqual(valid);
  });

  it('names every wrong setting with its environment variable', () => {
    expect(() =>
      validateConfig({
        ...valid,
        ttlSeconds: 0,
        cacheControl: 'a\nb',
        redisUrl: 'http://x',
        paths: ['articles'],
      })
    ).toThrow(
      /ttlSeconds \(RESPONSE_CACHE_TTL\).*cacheControl \(RESPONSE_CACHE_CONTROL\)|cacheControl \(RESPONSE_CACHE_CONTROL\).*ttlSeconds \(RESPONSE_CACHE_TTL\)/
    );
    expect(() => validateConfig({ ...valid, redisUrl: 'http://x' })).toThrow(/REDIS_URL/);
    expect(() => validateConfig({ ...valid, paths: ['articles'] })).toThrow(/RESPONSE_CACHE_PATHS/);
  });
});
