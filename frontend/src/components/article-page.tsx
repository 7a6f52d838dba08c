/**
 * The article page, shared by its two routes: the public page (`/{locale}/articles/{slug}`, cacheable)
 * and Strapi's Preview (`/preview/{locale}/articles/{slug}?preview=<signed token>`, never stored): title,
 * byline with the view count (refreshed by the browser), the cover with its credit line, the body, tags,
 * "Share this", the language switcher and the comment section, with canonical, hreflang, Open
 * Graph/Twitter tags and JSON-LD. One API read for the article (shared with the metadata) and one for
 * the comment thread; the view is counted by the reader's browser (ViewBeacon), never here.
 */
import type { Metadata } from 'next';
import { notFound, permanentRedirect } from 'next/navigation';
import { commentSection } from '../comments/page';
import { Blocks } from './blocks';
import { CommentsScript } from './comments-script';
import { Cover, type CoverFile } from './cover';
import { LanguageSwitcher } from './language-switcher';
import { LiveViewCount } from './live-view-count';
import { ViewBeacon } from './view-beacon';
import {
  commentsOf,
  lookUpArticle,
  publishedArticle,
  type Article,
  type Localization,
} from '../lib/content';
import { verifyPreview, type PreviewGrant } from '../lib/preview';
import {
  LOCALE_PATTERN,
  SLUG_PATTERN,
  defaultLocale,
  frontendUrl,
  previewSecret,
  previewToken,
  publicStrapiUrl,
} from '../lib/settings';
import { articleJsonLd, jsonForScript } from '../lib/structured-data';
import {
  SHARE_NETWORKS,
  absoluteUrl,
  articlePath,
  mediaUrl,
  shareUrl,
  statsUrl,
  tagPath,
  viewUrl,
  viewsLabel,
} from '../lib/urls';

const CURSOR_MAX = 200;

/**
 * Strapi's Preview: the signed token of the preview route names this very page and a version, and has
 * not expired. Anything else is a page not found (a reader never sees a draft because of a guessed or
 * stale link).
 */
export function previewGrant(token: string | string[] | undefined, path: string): PreviewGrant {
  const secret = previewSecret();
  const grant =
    typeof token === 'string' && secret ? verifyPreview(token, secret, Date.now()) : null;
  if (!grant || grant.path !== path) notFound();
  return grant;
}

/** The article (or its previewed version), or the 404 (or the redirect to this locale's slug) instead. */
export async function loadArticle(
  locale: string,
  slug: string,
  preview: PreviewGrant | null
): Promise<{
  article: Article;
  localizations: Localization[];
}> {
  if (!LOCALE_PATTERN.test(locale) || !SLUG_PATTERN.test(slug)) notFound();
  const token = previewToken();
  if (preview && !token)
    throw new Error(
      'Preview needs PREVIEW_API_TOKEN (an API token with the read-drafts permission)'
    );
  const found =
    preview && token
      ? await lookUpArticle(slug, locale, { token, status: preview.status })
      : await publishedArticle(slug, locale);
  if (found.kind === 'moved') permanentRedirect(articlePath(locale, found.slug));
  if (found.kind !== 'found') notFound();
  return found;
}

const alternates = (locale: string, article: Article, localizations: Localization[]) => {
  const site = frontendUrl();
  const canonical = absoluteUrl(site, articlePath(locale, article.slug ?? ''));
  const others = localizations
    .filter((entry) => entry.slug && entry.locale !== locale)
    .map((entry) => ({
      locale: entry.locale,
      href: articlePath(entry.locale, entry.slug as string),
      url: absoluteUrl(site, articlePath(entry.locale, entry.slug as string)),
    }));
  return { canonical, others };
};

/** The `<head>` of the article page: title, canonical, hreflang, Open Graph and Twitter tags. */
export async function articleMetadata(
  locale: string,
  slug: string,
  preview: PreviewGrant | null
): Promise<Metadata> {
  const { article, localizations } = await loadArticle(locale, slug, preview);
  const { canonical, others } = alternates(locale, article, localizations);
  const og = (article.cover as CoverFile | undefined)?.formats?.og_webp;
  const image = og
    ? {
        url: mediaUrl(publicStrapiUrl(), og.url),
        width: og.width ?? 1200,
        height: og.height ?? 630,
        type: 'image/webp',
        alt: (article.cover as CoverFile | undefined)?.alternativeText ?? article.title ?? '',
      }
    : null;
  const title = article.title ?? slug;
  const description = article.excerpt ?? undefined;
  return {
    title,
    description,
    ...(preview ? { robots: { index: false, follow: false } } : {}),
    alternates: {
      canonical,
      languages: Object.fromEntries(
        [
          [locale, canonical],
          ...others.map((entry) => [entry.locale, entry.url]),
          // x-default: the default locale's version, when there is one
          [
            'x-default',
            locale === defaultLocale()
              ? canonical
              : others.find((entry) => entry.locale === defaultLocale())?.url,
          ],
        ].filter(([, url]) => Boolean(url))
      ),
    },
    openGraph: {
      type: 'article',
      url: canonical,
      title,
      description,
      locale,
      alternateLocale: others.map((entry) => entry.locale),
      publishedTime: article.publishedAt ?? undefined,
      authors: article.author ? [article.author] : undefined,
      tags: (article.tags ?? []).map((tag) => tag.name ?? ''),
      images: image ? [image] : [],
    },
    twitter: {
      card: image ? 'summary_large_image' : 'summary',
      title,
      description,
      images: image ? [image] : [],
    },
  };
}

/** The article page's body; `cursor`: the comment thread's "Older comments" page. */
export async function ArticleView({
  locale,
  slug,
  preview,
  cursor: cursorParam,
}: {
  locale: string;
  slug: string;
  preview: PreviewGrant | null;
  cursor?: string | string[];
}) {
  const { article, localizations } = await loadArticle(locale, slug, preview);
  const cursor =
    typeof cursorParam === 'string' && cursorParam.length <= CURSOR_MAX ? cursorParam : undefined;
  // a preview shows no thread (a draft has none) and counts no view
  const thread = preview
    ? null
    : await commentsOf(article.documentId, article.locale ?? locale, cursor);

  const media = publicStrapiUrl();
  const path = articlePath(locale, article.slug ?? slug);
  const { canonical, others } = alternates(locale, article, localizations);
  const tags = (article.tags ?? []).filter((tag) => tag.slug);
  const credit = article.effectiveCoverCredit?.creditLine ?? null;
  const published = article.publishedAt ? new Date(article.publishedAt) : null;
  const jsonLd = articleJsonLd({
    url: canonical,
    headline: article.title ?? slug,
    description: article.excerpt,
    author: article.author,
    datePublished: article.publishedAt,
    dateModified: article.updatedAt,
    locale,
    coverJsonLd: article.coverStructuredData?.jsonLd ?? null,
    keywords: tags.map((tag) => tag.name ?? ''),
  });
  const comments =
    thread &&
    commentSection({
      apiUrl: `${media}/api`,
      type: 'article',
      documentId: article.documentId,
      locale: article.locale ?? locale,
      count: thread.count,
      comments: thread.comments,
      olderHref: thread.nextCursor
        ? `${path}?${new URLSearchParams({ cursor: thread.nextCursor })}#comments`
        : null,
      repliesHref: (rootId, next) =>
        `${path}/replies/${rootId}?${new URLSearchParams({ cursor: next })}`,
    });

  return (
    <>
      {preview ? (
        <p className="preview-banner" role="status">
          Preview of the {preview.status === 'draft' ? 'draft' : 'published version'}: readers do
          not see this page.
        </p>
      ) : null}
      <article className="article">
        <header>
          <h1>{article.title}</h1>
          <p className="byline">
            {article.author ? <span className="author">By {article.author}</span> : null}
            {published ? (
              <time dateTime={published.toISOString()}>
                {published.toLocaleDateString(locale, { dateStyle: 'long', timeZone: 'UTC' })}
              </time>
            ) : null}
            {article.readingTimeMinutes ? <span>{article.readingTimeMinutes} min read</span> : null}
            {preview ? (
              <span className="view-count" data-views={article.engagement.views}>
                {viewsLabel(article.engagement.views, locale)}
              </span>
            ) : (
              <LiveViewCount
                initial={article.engagement.views}
                locale={locale}
                statsUrl={statsUrl(media, article.documentId, article.locale ?? locale)}
              />
            )}
          </p>
        </header>
        {article.cover ? (
          <Cover file={article.cover as CoverFile} credit={credit} media={media} />
        ) : null}
        <div className="article-body">
          <Blocks blocks={article.body} media={media} />
        </div>
        {tags.length > 0 ? (
          <nav className="tags" aria-label="Tags">
            <ul>
              {tags.map((tag) => (
                <li key={tag.slug}>
                  <a href={tagPath(locale, tag.slug as string)} rel="tag">
                    {tag.name}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
        {preview ? null : (
          <section className="share" aria-labelledby="share-heading">
            <h2 id="share-heading">Share this</h2>
            <ul>
              {SHARE_NETWORKS.map((network) => (
                <li key={network.name}>
                  <a
                    href={shareUrl(
                      media,
                      network.name,
                      article.documentId,
                      article.locale ?? locale
                    )}
                    rel="nofollow noopener"
                    data-network={network.name}
                  >
                    {network.label}
                  </a>
                </li>
              ))}
            </ul>
          </section>
        )}
        <LanguageSwitcher
          current={locale}
          links={others.map((entry) => ({ locale: entry.locale, href: entry.href }))}
        />
      </article>
      {comments ? (
        <div className="comments-host" dangerouslySetInnerHTML={{ __html: comments.value }} />
      ) : null}
      <script
        type="application/ld+json"
        dangerouslySetInnerHTML={{ __html: jsonForScript(jsonLd) }}
      />
      {preview ? null : <ViewBeacon url={viewUrl(media, article.documentId)} />}
      {comments ? <CommentsScript /> : null}
    </>
  );
}
