import { createHash } from 'node:crypto';

/**
 * Whether `path` is one of the cached content-API paths (`prefix` + an entry of `paths`) or below one.
 * `/api/articles`, `/api/articles/abc` and `/api/articles/by-slug/x` match `/articles`; `/api/articlesx` does not.
 */
export function isCachedPath(path: string, prefix: string, paths: readonly string[]): boolean {
  return paths.some((entry) => {
    const base = `${prefix}${entry}`.replace(/\/+$/, '');
    return path === base || path.startsWith(`${base}/`);
  });
}

/**
 * The cache key of a request: path and the raw query string, so different query strings (`locale`,
 * `populate`, pagination) are different entries. Nothing else varies: credentialed requests never reach
 * the cache.
 */
export const cacheKey = (path: string, querystring: string): string =>
  querystring ? `${path}?${querystring}` : path;

/** A short, stable digest (SHA-1, base64url) of the given strings, which are length-prefixed so parts cannot run together. */
export function digest(...parts: string[]): string {
  const hash = createHash('sha1');
  for (const part of parts) hash.update(`${part.length}:`).update(part);
  return hash.digest('base64url');
}

/**
 * The strong ETag of a response: its stored body's digest, plus a digest of the live engagement counts
 * applied to it when there are any. The body sent is a function of exactly these two, so the tag changes
 * whenever a byte the client would receive changes (a 304 never hides a new count).
 */
export const entityTag = (bodyDigest: string, liveCounts?: string): string =>
  liveCounts === undefined ? `"${bodyDigest}"` : `"${bodyDigest}.${digest(liveCounts)}"`;

/**
 * Models whose rows can appear in (or decide) a public content-API response: content types and their
 * components, media files (a cover's URL, alt text, formats), locales, and the Users & Permissions
 * permissions and roles (who may read at all). Writes to them invalidate cached responses (what each
 * invalidates: ./invalidation.ts). Admin users, API tokens, sessions and plugin counters never show in a
 * response, so they do not.
 */
export function showsInResponses(uid: string): boolean {
  if (uid.startsWith('api::') || !uid.includes('::')) return true;
  return (
    uid.startsWith('plugin::upload.') ||
    uid === 'plugin::i18n.locale' ||
    uid === 'plugin::users-permissions.permission' ||
    uid === 'plugin::users-permissions.role'
  );
}

/**
 * A fingerprint of the database an app uses, so apps on different databases sharing one Redis never
 * share entries, and instances of one app (same database) do.
 */
export function databaseFingerprint(connection: unknown): string {
  const { client, connection: settings } = (connection ?? {}) as {
    client?: unknown;
    connection?: Record<string, unknown>;
  };
  const pick = ['connectionString', 'host', 'port', 'database', 'schema', 'filename'];
  return digest(JSON.stringify([client, ...pick.map((key) => settings?.[key] ?? null)])).slice(
    0,
    12
  );
}
