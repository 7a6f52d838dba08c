import { DEFAULT_CONFIG, validateConfig } from '../config';

const merged = (override: Record<string, unknown>) => ({ ...DEFAULT_CONFIG, ...override });

it('accepts the defaults', () => {
  expect(() => validateConfig(DEFAULT_CONFIG)).not.toThrow();
});

it('email is harmless by default: no digest recipients, links from the server, and checked values', () => {
  expect(DEFAULT_CONFIG.mail.enabled).toBe('auto');
  expect(DEFAULT_CONFIG.moderatorDigest.to).toEqual([]);
  expect(DEFAULT_CONFIG.links).toEqual({ apiUrl: null, verifyUrl: null, documentUrls: {} });
  expect(() =>
    validateConfig(
      merged({
        moderatorDigest: { to: ['not an address'], everyMinutes: 0 },
        links: { ...DEFAULT_CONFIG.links, documentUrls: { article: 'x' } },
      })
    )
  ).toThrow(
    /links\.documentUrls\.article: .*moderatorDigest\.to\.0: .*moderatorDigest\.everyMinutes: /
  );
});

it('names every wrong key in one error', () => {
  expect(() =>
    validateConfig(
      merged({
        maxLevels: 0,
        contentTypes: ['article'],
        spam: { ...DEFAULT_CONFIG.spam, honeypotField: '1 bad' },
      })
    )
  ).toThrow(
    /reader-comments config: .*contentTypes\.0: must be a content type uid.*maxLevels: .*spam\.honeypotField/
  );
});

it('refuses unknown keys, so a typo does not silently keep a default', () => {
  expect(() => validateConfig(merged({ maxLevel: 2 }))).toThrow(/Unrecognized key.*maxLevel/);
});

it('refuses limits that contradict each other', () => {
  expect(() => validateConfig(merged({ text: { minLength: 10, maxLength: 5 } }))).toThrow(
    'text.minLength is greater than text.maxLength'
  );
});

it('keeps Akismet and Turnstile off by default and checks their settings when given', () => {
  expect([DEFAULT_CONFIG.spam.akismet, DEFAULT_CONFIG.spam.turnstile]).toEqual([null, null]);
  const spam = (extra: Record<string, unknown>) =>
    merged({ spam: { ...DEFAULT_CONFIG.spam, ...extra } });
  expect(() =>
    validateConfig(
      spam({
        akismet: { key: 'k', site: 'https://news.example', endpoint: 'http://127.0.0.1:9/check' },
        turnstile: { secret: 's', timeoutMs: 1000 },
      })
    )
  ).not.toThrow();
  expect(() => validateConfig(spam({ akismet: { key: 'k' } }))).toThrow(/spam\.akismet\.site/);
  expect(() => validateConfig(spam({ turnstile: { secret: 's', timeoutMs: 10 } }))).toThrow(
    /spam\.turnstile\.timeoutMs/
  );
});
