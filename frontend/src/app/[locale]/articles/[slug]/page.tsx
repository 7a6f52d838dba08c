/**
 * The article page: title, byline with the live view count, the cover with its credit line, the body,
 * tags, "Share this", the language switcher and the comment section, with canonical, hreflang, Open
 * Graph/Twitter tags and JSON-LD. One API read for the article (shared with the metadata) and one for
 * the comment thread; the view is counted by the reader's browser (ViewBeacon), never here.
 */
import type { Metadata } from 'next';
import { notFound, permanentRedirect } from 'next/navigation';
import { commentSection } from '../../../../comments/page';
import { Blocks } from '../../../../components/blocks';
import { CommentsScript } from '../../../../components/comments-script';
import { Cover, type CoverFile } from '../../../../components/cover';
import { LanguageSwitcher } from '../../../../components/language-switcher';
import { ViewBeacon } from '../../../../components/view-beacon';
import {
  commentsOf,
  lookUpArticle,
  publishedArticle,
  type Article,
  type Localization,
} from '../../../../lib/content';
import { verifyPreview, type PreviewGrant } from '../../../../lib/preview';
import {
  LOCALE_PATTERN,
  SLUG_PATTERN,
  defaultLocale,
  frontendUrl,
  previewSecret,
  previewToken,
  publicStrapiUrl,
} from '../../../../lib/settings';
import { articleJsonLd, jsonForScript } from '../../../../lib/structured-data';
import {
  SHARE_NETWORKS,
  absoluteUrl,
  articlePath,
  mediaUrl,
  shareUrl,
  tagPath,
  viewUrl,
  viewsLabel,
} from '../../../../lib/urls';

export const dynamic = 'force-dynamic';

interface Params {
  params: Promise<{ locale: string; slug: string }>;
  searchParams: Promise<{ cursor?: string | string[]; preview?: string | string[] }>;
}

const CURSOR_MAX = 200;

/**
 * Strapi's Preview: `?preview=<signed token>` for this very path, not expired, shows the version the
 * token names, read with the read-drafts token. Anything else in `preview` is a page not found (a
 * reader never sees a draft because of a guessed or stale link).
 */
function previewOf(query: { preview?: string | string[] }, path: string): PreviewGrant | null {
  if (query.preview === undefined) return null;
  const secret = previewSecret();
  const grant =
    typeof query.preview === 'string' && secret
      ? verifyPreview(query.preview, secret, Date.now())
      : null;
  if (!grant || grant.path !== path) notFound();
  return grant;
}

/** The article (or its previewed version), or the 404 (or the redirect to this locale's slug) instead. */
async function load(
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

export async function generateMetadata({ params, searchParams }: Params): Promise<Metadata> {
  const { locale, slug } = await params;
  const preview = previewOf(await searchParams, articlePath(locale, slug));
  const { article, localizations } = await load(locale, slug, preview);
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

export default async function ArticlePage({ params, searchParams }: Params) {
  const { locale, slug } = await params;
  const query = await searchParams;
  const preview = previewOf(query, articlePath(locale, slug));
  const { article, localizations } = await load(locale, slug, preview);
  const cursor =
    typeof query.cursor === 'string' && query.cursor.length <= CURSOR_MAX
      ? query.cursor
      : undefined;
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
            <span className="view-count" data-views={article.engagement.views}>
              {viewsLabel(article.engagement.views, locale)}
            </span>
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
