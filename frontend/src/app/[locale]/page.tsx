/** The home page of a locale: the newest articles and the most read of the week, with live counts. */
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ArticleList } from '../../components/article-list';
import { popularArticles, recentArticles } from '../../lib/content';
import { LOCALE_PATTERN, frontendUrl } from '../../lib/settings';
import { absoluteUrl, articlePath, homePath, viewsLabel } from '../../lib/urls';

export const dynamic = 'force-dynamic';

interface Params {
  params: Promise<{ locale: string }>;
}

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { locale } = await params;
  return {
    title: 'Latest articles',
    alternates: { canonical: absoluteUrl(frontendUrl(), homePath(locale)) },
  };
}

export default async function Home({ params }: Params) {
  const { locale } = await params;
  if (!LOCALE_PATTERN.test(locale)) notFound();
  const [recent, popular] = await Promise.all([
    recentArticles(locale),
    popularArticles(locale),
  ]).catch((error: unknown) => {
    // an unknown locale answers 400 from the API
    if (error instanceof Error && / 400$/.test(error.message)) notFound();
    throw error;
  });
  return (
    <>
      <h1>Latest articles</h1>
      <ArticleList articles={recent} locale={locale} />
      <section className="popular" aria-labelledby="popular-heading">
        <h2 id="popular-heading">Most read this week</h2>
        {popular.length === 0 ? (
          <p>Nothing read yet this week.</p>
        ) : (
          <ol>
            {popular.map((entry) => {
              const fields = entry as { title?: string; slug?: string };
              return fields.slug ? (
                <li key={entry.documentId}>
                  <a href={articlePath(locale, fields.slug)}>{fields.title ?? fields.slug}</a>{' '}
                  <span className="view-count">{viewsLabel(entry.views, locale)}</span>
                </li>
              ) : null;
            })}
          </ol>
        )}
      </section>
    </>
  );
}
