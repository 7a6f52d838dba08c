/**
 * Signed, expiring preview links (issue 23): Strapi's Preview opens the frontend's preview route of a
 * page, `/preview<the page's path>?preview=<token>` (its own route, so the public page stays cacheable
 * and never reads a token), where the token says which version to show (`draft` or `published`), for which
 * path, until when, signed with HMAC-SHA256 under `PREVIEW_SECRET` (shared by Strapi and the frontend).
 * The secret itself never reaches a browser, and a copied link stops working when it expires. The
 * frontend checks the token with this same module (frontend/src/lib/preview.ts re-exports it).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export type PreviewStatus = 'draft' | 'published';

export interface PreviewGrant {
  /** The page's path (no query), e.g. `/en/articles/my-slug`. */
  path: string;
  status: PreviewStatus;
  /** Expiry, in milliseconds since the epoch. */
  expires: number;
}

/** How long a preview link works: long enough for an editing session's refreshes, short for a leak. */
export const PREVIEW_LINK_TTL_MS = 15 * 60 * 1000;

/**
 * Where a page's preview lives on the frontend: `/preview` before the page's path
 * (`/preview/en/articles/my-slug`). The frontend answers it `private, no-store` and `noindex`.
 */
export const PREVIEW_PATH_PREFIX = '/preview';

/** The link Strapi's "Open preview" opens: the preview route of `path` on the site, with the token. */
export const previewUrl = (siteUrl: string, path: string, token: string): string =>
  `${siteUrl.replace(/\/+$/, '')}${PREVIEW_PATH_PREFIX}${path}?${new URLSearchParams({ preview: token })}`;

const base64url = (text: string): string => Buffer.from(text, 'utf8').toString('base64url');
const signature = (payload: string, secret: string): string =>
  createHmac('sha256', secret).update(payload).digest('base64url');

/** The token for a grant: `<base64url JSON>.<base64url HMAC>`. */
export function signPreview(grant: PreviewGrant, secret: string): string {
  const payload = base64url(JSON.stringify([grant.path, grant.status, grant.expires]));
  return `${payload}.${signature(payload, secret)}`;
}

/** The grant a token carries when its signature is right and it has not expired; null otherwise. */
export function verifyPreview(token: string, secret: string, now: number): PreviewGrant | null {
  const [payload, mac, ...rest] = token.split('.');
  if (!payload || !mac || rest.length > 0 || token.length > 2000) return null;
  const expected = Buffer.from(signature(payload, secret));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(decoded) || decoded.length !== 3) return null;
  const [path, status, expires] = decoded as [unknown, unknown, unknown];
  if (typeof path !== 'string' || !path.startsWith('/')) return null;
  if (status !== 'draft' && status !== 'published') return null;
  if (typeof expires !== 'number' || expires <= now) return null;
  return { path, status, expires };
}
