/**
 * The public site's URLs as the app builds them (issue 23): one `FRONTEND_URL` and a path template per
 * type, used by Strapi's Preview, the engagement share redirect and the comments' notification links.
 * The older per-feature settings (`ENGAGEMENT_ARTICLE_URL`, `COMMENTS_ARTICLE_URL`) still win when set.
 * Pure functions of the environment, so config/plugins.ts and config/admin.ts read the same answer.
 */

/** The settings this module reads, as Strapi's `env()` gives them. */
export interface FrontendEnv {
  (name: string): string | undefined;
}

export interface FrontendUrls {
  /** The site's origin (and base path), without a trailing slash; null when not configured. */
  siteUrl: string | null;
  /** Path templates with `{placeholders}` filled from the document (`{locale}`, `{slug}`…). */
  paths: { article: string; tag: string };
  /** The article page's absolute URL template (share redirect), or null. */
  articleUrl: string | null;
  /** The article page's URL template for "read and answer" links in emails, or null. */
  commentUrl: string | null;
}

export const DEFAULT_PATHS = {
  article: '/{locale}/articles/{slug}',
  tag: '/{locale}/tags/{slug}',
} as const;

const PLACEHOLDER = /\{[A-Za-z_][A-Za-z0-9_]*\}/;

function checkPath(name: string, value: string): string {
  if (!value.startsWith('/') || !PLACEHOLDER.test(value))
    throw new Error(
      `${name} must be a path starting with "/" with at least one {placeholder} (got ${JSON.stringify(value)}; example: "${DEFAULT_PATHS.article}")`
    );
  return value;
}

function checkSiteUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`FRONTEND_URL must be an absolute URL (got ${JSON.stringify(value)})`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new Error(`FRONTEND_URL must be an http(s) URL (got ${JSON.stringify(value)})`);
  if (url.search || url.hash)
    throw new Error(`FRONTEND_URL takes no query or fragment (got ${JSON.stringify(value)})`);
  return value.replace(/\/+$/, '');
}

/** The site's URLs from the environment; throws a clear message on a malformed setting. */
export function frontendUrls(env: FrontendEnv): FrontendUrls {
  const site = env('FRONTEND_URL');
  const siteUrl = site ? checkSiteUrl(site) : null;
  const paths = {
    article: checkPath(
      'FRONTEND_ARTICLE_PATH',
      env('FRONTEND_ARTICLE_PATH') || DEFAULT_PATHS.article
    ),
    tag: checkPath('FRONTEND_TAG_PATH', env('FRONTEND_TAG_PATH') || DEFAULT_PATHS.tag),
  };
  const fromSite = siteUrl ? `${siteUrl}${paths.article}` : null;
  // the older settings are aliases: when set, they win
  const articleUrl = env('ENGAGEMENT_ARTICLE_URL') || fromSite;
  const commentUrl =
    env('COMMENTS_ARTICLE_URL') ||
    env('ENGAGEMENT_ARTICLE_URL') ||
    (fromSite ? `${fromSite}#comment-{commentId}` : null);
  return { siteUrl, paths, articleUrl, commentUrl };
}

/**
 * Fills a template's `{placeholders}` (URL-encoded); null when one of them has no value, so a document
 * without a slug gets no link rather than a broken one.
 */
export function fillPath(
  template: string,
  values: Readonly<Record<string, unknown>>
): string | null {
  let missing = false;
  const filled = template.replace(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_match, name: string) => {
    const value = values[name];
    if (value === undefined || value === null || value === '') {
      missing = true;
      return '';
    }
    return encodeURIComponent(String(value));
  });
  return missing ? null : filled;
}
