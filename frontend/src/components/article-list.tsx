/** A list of articles (home, tag pages): title, excerpt, date and the live view count. */
import type { ReactNode } from 'react';
import { articlePath, viewsLabel } from '../lib/urls';

export interface ListedArticle {
  documentId: string;
  title?: string;
  slug?: string | null;
  excerpt?: string | null;
  publishedAt?: string | null;
  engagement?: { views: number } | null;
}

export function ArticleList({
  articles,
  locale,
}: {
  articles: ListedArticle[];
  locale: string;
}): ReactNode {
  if (articles.length === 0) return <p>No articles yet.</p>;
  return (
    <ul className="article-list">
      {articles.map((article) =>
        article.slug ? (
          <li key={article.documentId}>
            <h2>
              <a href={articlePath(locale, article.slug)}>{article.title ?? article.slug}</a>
            </h2>
            {article.excerpt ? <p>{article.excerpt}</p> : null}
            <p className="meta">
              {article.publishedAt ? (
                <time dateTime={article.publishedAt}>
                  {new Date(article.publishedAt).toLocaleDateString(locale, {
                    dateStyle: 'medium',
                    timeZone: 'UTC',
                  })}
                </time>
              ) : null}
              {article.engagement ? (
                <span className="view-count">
                  {' '}
                  · {viewsLabel(article.engagement.views, locale)}
                </span>
              ) : null}
            </p>
          </li>
        ) : null
      )}
    </ul>
  );
}
