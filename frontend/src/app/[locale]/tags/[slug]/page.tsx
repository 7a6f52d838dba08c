/** A tag's page: its published articles in the locale, newest first, with counts and pagination. */
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ArticleList } from '../../../../components/article-list';
import { tagArticles, tagBySlug } from '../../../../lib/content';
import { LOCALE_PATTERN, SLUG_PATTERN, frontendUrl } from '../../../../lib/settings';
import { absoluteUrl, tagPath } from '../../../../lib/urls';

export const dynamic = 'force-dynamic';

interface Params {
  params: Promise<{ locale: string; slug: string }>;
  searchParams: Promise<{ page?: string | string[] }>;
}

const pageOf = (value: string | string[] | undefined): number => {
  const page = Number(typeof value === 'string' ? value : 1);
  return Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : 1;
};

export async function generateMetadata({ params, searchParams }: Params): Promise<Metadata> {
  const { locale, slug } = await params;
  const page = pageOf((await searchParams).page);
  const tag = SLUG_PATTERN.test(slug) ? await tagBySlug(slug) : null;
  return {
    title: tag?.name ? `Articles tagged ${tag.name}` : 'Tag',
    description: tag?.description ?? undefined,
    alternates: { canonical: absoluteUrl(frontendUrl(), tagPath(locale, slug, page)) },
  };
}

export default async function TagPage({ params, searchParams }: Params) {
  const { locale, slug } = await params;
  if (!LOCALE_PATTERN.test(locale) || !SLUG_PATTERN.test(slug)) notFound();
  const page = pageOf((await searchParams).page);
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
