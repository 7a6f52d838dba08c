/**
 * What a request says about why it was sent (Fetch Metadata and speculation headers). Only requests a
 * person caused are counted: a share redirect fetched by an <img>, <script> or fetch() on another page,
 * or a view beacon sent by a prefetch/prerender, still gets its answer but is not counted.
 */

/** Reads one request header (lower-case name), as Koa's ctx.get does: '' when absent. */
export type HeaderReader = (name: string) => string;

/**
 * Whether a GET is a top-level navigation: `Sec-Fetch-Mode: navigate` and `Sec-Fetch-Dest: document`
 * (or no such headers at all, as older browsers and plain links from mail clients send them).
 */
export function isTopLevelNavigation(header: HeaderReader): boolean {
  const mode = header('sec-fetch-mode').trim().toLowerCase();
  const dest = header('sec-fetch-dest').trim().toLowerCase();
  if (mode && mode !== 'navigate') return false;
  if (dest && dest !== 'document') return false;
  return true;
}

/** Whether the request says it is a prefetch or prerender (`Sec-Purpose: prefetch[;prerender]`, `Purpose: prefetch`, `X-Purpose: preview`). */
export function isSpeculative(header: HeaderReader): boolean {
  const purposes = [header('sec-purpose'), header('purpose'), header('x-purpose'), header('x-moz')]
    .join(',')
    .toLowerCase();
  return /\b(prefetch|prerender|preview)\b/.test(purposes);
}
