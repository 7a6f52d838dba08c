/**
 * Which Cache-Control each page answers with (set by proxy.ts, before Next renders: Next keeps a
 * Cache-Control already on a dynamic page's response and adds its `private, no-store` only when there is
 * none). Public pages (an article, a tag, a home page) get the API's own lifetime for the same data, so a
 * CDN in front of the site may serve them as long as it may serve the API's answers they are made of;
 * Preview is never stored anywhere and never indexed. Pure functions of their arguments.
 */
import { DEFAULT_CACHE_CONTROL } from '../../../src/response-cache/config';
import { PREVIEW_PATH_PREFIX } from '../../../src/frontend/preview-link';

/** What never goes into a shared cache: previews, errors, anything personal. */
export const NO_STORE = 'private, no-store';

/**
 * The Cache-Control of public pages: `PAGE_CACHE_CONTROL`, else the API's `RESPONSE_CACHE_CONTROL` (the
 * two processes often share one environment), else the API's default. A value that could break the
 * header (a line break) or that is empty falls back to the default.
 */
export function publicPageCacheControl(env: Readonly<Record<string, string | undefined>>): string {
  const value = (env.PAGE_CACHE_CONTROL || env.RESPONSE_CACHE_CONTROL || '').trim();
  return value && !/[\r\n]/.test(value) ? value : DEFAULT_CACHE_CONTROL;
}

/** `/en`, `/en/articles/<slug>`, `/en/tags/<slug>`: the pages a CDN may keep. */
const PUBLIC_PAGE =
  /^\/[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})?(?:\/(?:articles|tags)\/[a-z0-9][a-z0-9-]{0,199})?\/?$/;

export interface PageCaching {
  cacheControl: string;
  /** `X-Robots-Tag`, for pages no search engine may index. */
  robots?: string;
}

/**
 * The caching headers of a request's page, or null to leave Next's own (`private, no-store` on every
 * dynamic page). Only plain GET/HEAD document requests of public pages are shared; Next's RSC requests
 * (`RSC` header: client navigations and prefetches, which vary on router state) keep Next's answer.
 */
export function pageCaching(
  request: { method: string; pathname: string; headers: { has(name: string): boolean } },
  publicCacheControl: string
): PageCaching | null {
  if (
    request.pathname === PREVIEW_PATH_PREFIX ||
    request.pathname.startsWith(`${PREVIEW_PATH_PREFIX}/`)
  )
    return { cacheControl: NO_STORE, robots: 'noindex, nofollow' };
  if (request.method !== 'GET' && request.method !== 'HEAD') return null;
  if (request.headers.has('rsc') || request.headers.has('next-router-prefetch')) return null;
  return PUBLIC_PAGE.test(request.pathname) ? { cacheControl: publicCacheControl } : null;
}
