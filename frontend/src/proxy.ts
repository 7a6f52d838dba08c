/**
 * Requests before they reach a page: `/` goes to the default locale's home page (the locale list is
 * read at request time, so one build serves any deployment); a page is answered 503 when the content API
 * is down (lib/availability.ts); every page gets its Content-Security-Policy with a new nonce, which Next
 * reads from the request's header and puts on its own scripts, and its Cache-Control (lib/page-cache.ts:
 * public pages as long as the API's answers, Preview never stored). Next keeps a Cache-Control set here
 * on a dynamic page and replaces it only for an error (500) or in `next dev`.
 */
import { NextResponse, type NextRequest } from 'next/server';
import { RETRY_AFTER_SECONDS, createHealthProbe, unavailablePage } from './lib/availability';
import { NO_STORE, pageCaching, publicPageCacheControl } from './lib/page-cache';
import { contentSecurityPolicy } from './lib/security';
import { LOCALE_PATTERN, defaultLocale, publicStrapiUrl, strapiUrl } from './lib/settings';
import { homePath } from './lib/urls';

const health = createHealthProbe({
  healthUrl: () => `${strapiUrl()}/_health`,
  fetch: (url, init) => fetch(url, init),
  now: () => Date.now(),
  ttlMs: 1000,
  timeoutMs: 2000,
  // the server's log says why readers get a 503 (a page never shows it)
  onDown: (reason) => console.error(`[frontend] The content API is down: ${reason}`),
});

/** The page's language from its path (`/fr/...`, `/preview/fr/...`), for the 503 page. */
const langOf = (pathname: string): string => {
  const [first, second] = pathname.split('/').filter(Boolean);
  const candidate = first === 'preview' ? second : first;
  return candidate && LOCALE_PATTERN.test(candidate) ? candidate : defaultLocale();
};

export async function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  if (pathname === '/')
    return NextResponse.redirect(new URL(homePath(defaultLocale()), request.url), 307);
  const policy = contentSecurityPolicy({
    nonce: btoa(crypto.randomUUID()),
    strapiUrl: publicStrapiUrl(),
    development: process.env.NODE_ENV === 'development',
  });
  if (!(await health.isUp()))
    return new NextResponse(request.method === 'HEAD' ? null : unavailablePage(langOf(pathname)), {
      status: 503,
      headers: {
        'Content-Type': 'text/html; charset=utf-8',
        'Cache-Control': NO_STORE,
        'Retry-After': String(RETRY_AFTER_SECONDS),
        'Content-Security-Policy': policy,
      },
    });
  const headers = new Headers(request.headers);
  headers.set('content-security-policy', policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('Content-Security-Policy', policy);
  const caching = pageCaching(
    { method: request.method, pathname, headers: request.headers },
    publicPageCacheControl(process.env)
  );
  if (caching) {
    response.headers.set('Cache-Control', caching.cacheControl);
    if (caching.robots) response.headers.set('X-Robots-Tag', caching.robots);
  }
  return response;
}

// Pages only: Next's static files and images carry no policy of their own.
export const config = { matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'] };
