import { DEFAULT_CACHE_CONTROL } from '../../../../src/response-cache/config';
import { NO_STORE, pageCaching, publicPageCacheControl } from '../page-cache';

const PUBLIC = 'public, max-age=0, s-maxage=60, stale-while-revalidate=300';
const request = (pathname: string, method = 'GET', headers: Record<string, string> = {}) => ({
  method,
  pathname,
  headers: new Headers(headers),
});

describe('publicPageCacheControl', () => {
  it("is the API's Cache-Control unless the frontend sets its own", () => {
    expect(publicPageCacheControl({})).toBe(DEFAULT_CACHE_CONTROL);
    expect(DEFAULT_CACHE_CONTROL).toBe(PUBLIC);
    expect(publicPageCacheControl({ RESPONSE_CACHE_CONTROL: 'public, s-maxage=10' })).toBe(
      'public, s-maxage=10'
    );
    expect(
      publicPageCacheControl({
        RESPONSE_CACHE_CONTROL: 'public, s-maxage=10',
        PAGE_CACHE_CONTROL: 'public, s-maxage=30',
      })
    ).toBe('public, s-maxage=30');
    // a value that would break the header is not sent
    expect(publicPageCacheControl({ PAGE_CACHE_CONTROL: 'public\r\nSet-Cookie: a=b' })).toBe(
      DEFAULT_CACHE_CONTROL
    );
  });
});

describe('pageCaching', () => {
  it('lets a shared cache keep the article, tag and home pages', () => {
    for (const path of ['/en', '/fr/articles/my-slug', '/en/tags/ai', '/pt-BR/articles/a-1'])
      expect(pageCaching(request(path), PUBLIC)).toEqual({ cacheControl: PUBLIC });
    expect(pageCaching(request('/en/articles/my-slug', 'HEAD'), PUBLIC)).toEqual({
      cacheControl: PUBLIC,
    });
  });

  it('never stores or indexes a preview, whatever the request', () => {
    for (const path of ['/preview/en/articles/my-slug', '/preview/en/tags/ai', '/preview'])
      expect(pageCaching(request(path), PUBLIC)).toEqual({
        cacheControl: NO_STORE,
        robots: 'noindex, nofollow',
      });
    expect(pageCaching(request('/preview/en/articles/a', 'POST'), PUBLIC)?.cacheControl).toBe(
      NO_STORE
    );
  });

  it("leaves Next's no-store on other pages, other methods and client navigations", () => {
    for (const path of ['/en/articles/a/replies/12', '/_ready-probe', '/en/articles/UPPER'])
      expect(pageCaching(request(path), PUBLIC)).toBeNull();
    expect(pageCaching(request('/en/articles/a', 'POST'), PUBLIC)).toBeNull();
    expect(pageCaching(request('/en/articles/a', 'GET', { RSC: '1' }), PUBLIC)).toBeNull();
    expect(pageCaching(request('/en', 'GET', { 'Next-Router-Prefetch': '1' }), PUBLIC)).toBeNull();
  });
});
