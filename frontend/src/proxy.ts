/**
 * Requests before they reach a page: `/` goes to the default locale's home page (the locale list is
 * read at request time, so one build serves any deployment); every page gets its Content-Security-Policy
 * with a new nonce, which Next reads from the request's header and puts on its own scripts.
 */
import { NextResponse, type NextRequest } from 'next/server';
import { contentSecurityPolicy } from './lib/security';
import { defaultLocale, publicStrapiUrl } from './lib/settings';
import { homePath } from './lib/urls';

export function proxy(request: NextRequest) {
  if (request.nextUrl.pathname === '/')
    return NextResponse.redirect(new URL(homePath(defaultLocale()), request.url), 307);
  const policy = contentSecurityPolicy({
    nonce: btoa(crypto.randomUUID()),
    strapiUrl: publicStrapiUrl(),
    development: process.env.NODE_ENV === 'development',
  });
  const headers = new Headers(request.headers);
  headers.set('content-security-policy', policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('Content-Security-Policy', policy);
  return response;
}

// Pages only: Next's static files and images carry no policy of their own.
export const config = { matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'] };
