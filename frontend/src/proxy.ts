/**
 * Requests before they reach a page: `/` goes to the default locale's home page (the locale list is
 * read at request time, so one build serves any deployment).
 */
import { NextResponse, type NextRequest } from 'next/server';
import { defaultLocale } from './lib/settings';
import { homePath } from './lib/urls';

export function proxy(request: NextRequest) {
  return NextResponse.redirect(new URL(homePath(defaultLocale()), request.url), 307);
}

export const config = { matcher: ['/'] };
