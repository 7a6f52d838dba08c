import { DEFAULT_CONFIG, enabledNetworks, validateConfig, type EngagementConfig } from '../config';

const withOverrides = (overrides: Record<string, unknown>): EngagementConfig =>
  ({ ...structuredClone(DEFAULT_CONFIG), ...overrides }) as EngagementConfig;
const problems = (overrides: Record<string, unknown>): string => {
  try {
    validateConfig(withOverrides(overrides));
    return '';
  } catch (error) {
    return (error as Error).message;
  }
};

describe('config validator', () => {
  it('accepts the defaults', () => {
    expect(() => validateConfig(structuredClone(DEFAULT_CONFIG))).not.toThrow();
  });

  it('tracks nothing by default, so an app that installs the plugin without configuring it starts', () => {
    expect(DEFAULT_CONFIG.contentTypes).toEqual([]);
  });

  it('names each problem with its key', () => {
    expect(problems({ contentTypes: ['article'] })).toMatch(
      /contentTypes: "article" is not a content type uid/
    );
    expect(problems({ contentTypes: 'api::article.article' })).toMatch(
      /contentTypes must be an array/
    );
    expect(problems({ dedupeWindowSeconds: -1 })).toMatch(
      /dedupeWindowSeconds must be an integer from 0/
    );
    expect(problems({ flushIntervalMs: 10 })).toMatch(
      /flushIntervalMs must be an integer from 100/
    );
    expect(problems({ publicUrls: { 'api::article.article': 'example.com/{slug}' } })).toMatch(
      /publicUrls\["api::article.article"\] is not an absolute URL/
    );
    expect(
      problems({ publicUrls: { 'api::article.article': 'https://{slug}.example.com/' } })
    ).toMatch(/fixed origin/);
    expect(problems({ publicUrls: { 'api::tag.tag': 'https://example.com/tags/{slug}' } })).toMatch(
      /"api::tag.tag" is not listed in contentTypes/
    );
    expect(problems({ networks: { ...DEFAULT_CONFIG.networks, myspace: true } })).toMatch(
      /unknown network "myspace"/
    );
    expect(problems({ networks: { mastodon: 'https://mastodon.social/share' } })).toMatch(
      /networks\["mastodon"\] must contain at least one \{placeholder\}/
    );
    expect(problems({ botPatterns: ['(unclosed'] })).toMatch(
      /botPatterns: "\(unclosed" is not a valid regular expression/
    );
    expect(problems({ store: 'mongo' })).toMatch(/store must be "memory" or "redis"/);
    expect(
      problems({ redis: { url: 'http://localhost', keyPrefix: 'e:', connectTimeoutMs: 1000 } })
    ).toMatch(/redis.url must be a redis:\/\//);
    expect(problems({ stats: { defaultDays: 400, maxDays: 365 } })).toMatch(
      /stats.defaultDays must be an integer from 1 to 365/
    );
    expect(problems({ rateLimit: { enabled: 'yes', max: 0, windowMs: 60000 } })).toMatch(
      /rateLimit.enabled must be true or false[\s\S]*rateLimit.max must be/
    );
  });

  it('lists several problems at once', () => {
    const message = problems({ store: 'x', dedupeWindowSeconds: -5 });
    expect(message.split('\n  - ')).toHaveLength(3);
  });

  it('enables built-in networks, adds custom templates, drops disabled ones', () => {
    const networks = enabledNetworks(
      withOverrides({
        networks: {
          ...DEFAULT_CONFIG.networks,
          whatsapp: false,
          mastodon: 'https://mastodon.social/share?text={title}%20{url}',
        },
      })
    );
    expect(networks.has('whatsapp')).toBe(false);
    expect(networks.get('mastodon')).toBe('https://mastodon.social/share?text={title}%20{url}');
    expect(networks.get('copy-link')).toBeNull();
    expect(networks.get('x')).toMatch(/^https:\/\/x\.com\//);
  });
});
