import { createBotFilter } from '../bots';

describe('bot filter', () => {
  const isBot = createBotFilter(['InternalMonitor', 'uptime-\\w+']);

  it('flags crawlers, scripts and configured patterns', () => {
    expect(isBot('Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)')).toBe(
      true
    );
    expect(isBot('curl/8.5.0')).toBe(true);
    expect(isBot('InternalMonitor/1.0')).toBe(true);
    expect(isBot('Mozilla/5.0 uptime-kuma')).toBe(true);
  });

  it('lets a missing user agent through as isbot does, unless `^$` is configured', () => {
    expect(isBot(undefined)).toBe(false);
    expect(isBot('')).toBe(false);
    const strict = createBotFilter(['^$']);
    expect(strict(undefined)).toBe(true);
    expect(strict('')).toBe(true);
    expect(strict('Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0')).toBe(false);
  });

  it('lets browsers through', () => {
    expect(
      isBot(
        'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36'
      )
    ).toBe(false);
    expect(
      isBot(
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1'
      )
    ).toBe(false);
  });
});
