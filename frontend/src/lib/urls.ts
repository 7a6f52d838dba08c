/**
 * The site's URLs, in one place: page paths (the same templates Strapi's FRONTEND_URL settings name),
 * absolute URLs for canonical and Open Graph tags, and the API's public URLs the browser uses (media,
 * share redirect). Pure functions of their arguments.
 */

/** `/{locale}/articles/{slug}`: the article page (Strapi's default `FRONTEND_ARTICLE_PATH`). */
export const articlePath = (locale: string, slug: string): string =>
  `/${encodeURIComponent(locale)}/articles/${encodeURIComponent(slug)}`;

/** `/{locale}/tags/{slug}`: a tag's page (Strapi's default `FRONTEND_TAG_PATH`). */
export const tagPath = (locale: string, slug: string, page = 1): string =>
  `/${encodeURIComponent(locale)}/tags/${encodeURIComponent(slug)}${page > 1 ? `?page=${page}` : ''}`;

/** The home page of a locale. */
export const homePath = (locale: string): string => `/${encodeURIComponent(locale)}`;

/** A path on this site as an absolute URL (canonical, hreflang, Open Graph). */
export const absoluteUrl = (siteUrl: string, path: string): string =>
  `${siteUrl.replace(/\/+$/, '')}${path}`;

/** A media URL as the browser loads it: relative upload paths are Strapi's, absolute ones stay. */
export const mediaUrl = (strapiPublicUrl: string, url: string): string =>
  /^(https?:)?\/\//.test(url) ? url : `${strapiPublicUrl.replace(/\/+$/, '')}${url}`;

/** A `srcset` whose relative URLs are made absolute with {@link mediaUrl}. */
export const mediaSrcset = (strapiPublicUrl: string, srcset: string): string =>
  srcset
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const [url, ...descriptor] = entry.split(/\s+/);
      return [mediaUrl(strapiPublicUrl, url), ...descriptor].join(' ');
    })
    .join(', ');

/** The networks "Share this" offers, with the words a reader sees. */
export const SHARE_NETWORKS: ReadonlyArray<{ name: string; label: string }> = [
  { name: 'x', label: 'X' },
  { name: 'facebook', label: 'Facebook' },
  { name: 'linkedin', label: 'LinkedIn' },
  { name: 'bluesky', label: 'Bluesky' },
  { name: 'email', label: 'Email' },
];

/** A route of the engagement plugin's public API, under the API's public address. */
const engagementApi = (apiPublicUrl: string, route: string): string =>
  `${apiPublicUrl.replace(/\/+$/, '')}/api/engagement/${route}`;

/**
 * The engagement plugin's share redirect: a plain link that counts the share and sends the reader to
 * the network's page for the public URL of the article in `locale` (the page's own language; Strapi
 * builds the URL from FRONTEND_URL), no script.
 */
export const shareUrl = (
  apiPublicUrl: string,
  network: string,
  documentId: string,
  locale: string
): string =>
  engagementApi(
    apiPublicUrl,
    `share/${encodeURIComponent(network)}/article/${encodeURIComponent(documentId)}?${new URLSearchParams({ locale })}`
  );

/** The view counter's endpoint (the page's beacon posts to it). */
export const viewUrl = (apiPublicUrl: string, documentId: string): string =>
  engagementApi(apiPublicUrl, `article/${encodeURIComponent(documentId)}/view`);

/**
 * The engagement plugin's figures of one article (`GET /api/engagement/article/{documentId}`), which the
 * page's browser reads to show the live count on a page a CDN may have kept: one day of daily figures
 * (the least the route answers), the version in `locale`.
 */
export const statsUrl = (apiPublicUrl: string, documentId: string, locale: string): string =>
  engagementApi(
    apiPublicUrl,
    `article/${encodeURIComponent(documentId)}?${new URLSearchParams({ days: '1', locale })}`
  );

/** "4,633 views" */
export const viewsLabel = (views: number, locale: string): string =>
  `${views.toLocaleString(locale)} ${views === 1 ? 'view' : 'views'}`;
