/**
 * A tag's page, shared by its two routes (the public one, cacheable, and Strapi's Preview of a tag): its
 * published articles in the locale, newest first, with counts and pagination.
 */
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ArticleList } from './article-list';
import { tagArticles, tagBySlug } from '../lib/content';
import { LOCALE_PATTERN, SLUG_PATTERN, frontendUrl } from '../lib/settings';
import { absoluteUrl, tagPath } from '../lib/urls';

/** `?page=` as a page number (1 for anything else). */
export const pageOf = (value: string | string[] | undefined): number => {
  const page = Number(typeof value === 'string' ? value : 1);
  return Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : 1;
};

/** The tag page's `<head>`: title, description, canonical. */
export async function tagMetadata(locale: string, slug: string, page: number): Promise<Metadata> {
  const tag = SLUG_PATTERN.test(slug) ? await tagBySlug(slug) : null;
  return {
    title: tag?.name ? `Articles tagged ${tag.name}` : 'Tag',
    description: tag?.description ?? undefined,
    alternates: { canonical: absoluteUrl(frontendUrl(), tagPath(locale, slug, page)) },
  };
}

/** The tag page's body. */
export async function TagView({
  locale,
  slug,
  page,
}: {
  locale: string;
  slug: string;
  page: number;
}) {
  if (!LOCALE_PATTERN.test(locale) || !SLUG_PATTERN.test(slug)) notFound();
  const [tag, list] = await Promise.all([tagBySlug(slug), tagArticles(slug, locale, page)]);
  if (!tag || !list) notFound();
  const { pagination } = list;
  return (
    <>
      <h1>Articles tagged {tag.name}</h1>
      {tag.description ? <p className="tag-description">{tag.description}</p> : null}
      <p className="tag-count">
        {pagination.total.toLocaleString(locale)} {pagination.total === 1 ? 'article' : 'articles'}
      </p>
      <ArticleList articles={list.articles} locale={locale} />
      {pagination.pageCount > 1 ? (
        <nav className="pagination" aria-label="Pages">
          {page > 1 ? (
            <a rel="prev" href={tagPath(locale, slug, page - 1)}>
              Newer articles
            </a>
          ) : null}{' '}
          <span>
            Page {page} of {pagination.pageCount}
          </span>{' '}
          {page < pagination.pageCount ? (
            <a rel="next" href={tagPath(locale, slug, page + 1)}>
              Older articles
            </a>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}
