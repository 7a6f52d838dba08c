import { fillPath, frontendUrls } from '../urls';

const envOf =
  (values: Record<string, string>) =>
  (name: string): string | undefined =>
    values[name];

describe('frontendUrls', () => {
  it('builds the article URLs from FRONTEND_URL and the default path template', () => {
    const urls = frontendUrls(envOf({ FRONTEND_URL: 'https://news.example.com/' }));
    expect(urls.siteUrl).toBe('https://news.example.com');
    expect(urls.articleUrl).toBe('https://news.example.com/{locale}/articles/{slug}');
    expect(urls.commentUrl).toBe(
      'https://news.example.com/{locale}/articles/{slug}#comment-{commentId}'
    );
    expect(urls.paths.tag).toBe('/{locale}/tags/{slug}');
  });

  it('takes a path template per type', () => {
    const urls = frontendUrls(
      envOf({
        FRONTEND_URL: 'https://example.com/site',
        FRONTEND_ARTICLE_PATH: '/read/{slug}',
        FRONTEND_TAG_PATH: '/topics/{slug}',
      })
    );
    expect(urls.articleUrl).toBe('https://example.com/site/read/{slug}');
    expect(urls.paths.tag).toBe('/topics/{slug}');
  });

  it('keeps the older settings as aliases that win over FRONTEND_URL', () => {
    const both = frontendUrls(
      envOf({
        FRONTEND_URL: 'https://new.example.com',
        ENGAGEMENT_ARTICLE_URL: 'https://old.example.com/a/{slug}',
      })
    );
    expect(both.articleUrl).toBe('https://old.example.com/a/{slug}');
    expect(both.commentUrl).toBe('https://old.example.com/a/{slug}');
    const comments = frontendUrls(
      envOf({
        FRONTEND_URL: 'https://new.example.com',
        COMMENTS_ARTICLE_URL: 'https://old.example.com/c/{slug}#c{commentId}',
      })
    );
    expect(comments.articleUrl).toBe('https://new.example.com/{locale}/articles/{slug}');
    expect(comments.commentUrl).toBe('https://old.example.com/c/{slug}#c{commentId}');
  });

  it('gives no URLs when nothing is configured', () => {
    expect(frontendUrls(envOf({}))).toMatchObject({
      siteUrl: null,
      articleUrl: null,
      commentUrl: null,
    });
  });

  it('refuses malformed settings with the setting named', () => {
    expect(() => frontendUrls(envOf({ FRONTEND_URL: 'news.example.com' }))).toThrow(
      /FRONTEND_URL must be an absolute URL/
    );
    expect(() => frontendUrls(envOf({ FRONTEND_URL: 'ftp://example.com' }))).toThrow(/http\(s\)/);
    expect(() =>
      frontendUrls(envOf({ FRONTEND_URL: 'https://e.com', FRONTEND_ARTICLE_PATH: 'articles' }))
    ).toThrow(/FRONTEND_ARTICLE_PATH must be a path/);
  });
});

describe('fillPath', () => {
  it('fills and encodes placeholders, and gives null when one is empty', () => {
    expect(fillPath('/{locale}/articles/{slug}', { locale: 'fr', slug: 'été à paris' })).toBe(
      '/fr/articles/%C3%A9t%C3%A9%20%C3%A0%20paris'
    );
    expect(fillPath('/{locale}/articles/{slug}', { locale: 'fr', slug: '' })).toBeNull();
  });
});
