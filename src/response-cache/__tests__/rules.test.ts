import { cacheKey, databaseFingerprint, entityTag, isCachedPath, showsInResponses } from '../rules';

describe('isCachedPath', () => {
  const paths = ['/articles', '/tags'];
  it.each([
    ['/api/articles', true],
    ['/api/articles/abc123', true],
    ['/api/articles/by-slug/hello', true],
    ['/api/tags/by-slug/ai/articles', true],
    ['/api/articlesx', false],
    ['/api/image-credits', false],
    ['/articles', false],
    ['/admin/articles', false],
  ])('%s → %s', (path, expected) => {
    expect(isCachedPath(path, '/api', paths)).toBe(expected);
  });
});

describe('cacheKey', () => {
  it('keeps query strings (and so locales) apart', () => {
    expect(cacheKey('/api/articles', 'locale=en')).not.toBe(cacheKey('/api/articles', 'locale=fr'));
    expect(cacheKey('/api/articles', '')).toBe('/api/articles');
  });
});

describe('entityTag', () => {
  it('is a strong tag that changes with the body and with the live counts', () => {
    const plain = entityTag('abc');
    expect(plain).toBe('"abc"');
    const withCounts = entityTag('abc', '[{"views":1,"shares":0}]');
    expect(withCounts).toMatch(/^"abc\.[A-Za-z0-9_-]+"$/);
    expect(entityTag('abc', '[{"views":2,"shares":0}]')).not.toBe(withCounts);
    expect(entityTag('abd', '[{"views":1,"shares":0}]')).not.toBe(withCounts);
    expect(entityTag('abc', '[{"views":1,"shares":0}]')).toBe(withCounts);
  });
});

describe('showsInResponses', () => {
  it.each([
    ['api::article.article', true],
    ['api::tag.tag', true],
    ['shared.seo', true],
    ['plugin::upload.file', true],
    ['plugin::i18n.locale', true],
    ['plugin::users-permissions.permission', true],
    ['admin::api-token', false],
    ['admin::session', false],
    ['plugin::engagement.total', false],
    ['strapi::core-store', false],
  ])('%s → %s', (uid, expected) => {
    expect(showsInResponses(uid)).toBe(expected);
  });
});

describe('databaseFingerprint', () => {
  it('differs between databases and schemas, and is stable for one', () => {
    const pg = (schema: string) => ({
      client: 'postgres',
      connection: { host: 'db', port: 5432, database: 'site', schema, password: 'x' },
    });
    expect(databaseFingerprint(pg('a'))).toBe(databaseFingerprint(pg('a')));
    expect(databaseFingerprint(pg('a'))).not.toBe(databaseFingerprint(pg('b')));
    expect(databaseFingerprint({ client: 'sqlite', connection: { filename: '/one.db' } })).not.toBe(
      databaseFingerprint({ client: 'sqlite', connection: { filename: '/two.db' } })
    );
  });
});
