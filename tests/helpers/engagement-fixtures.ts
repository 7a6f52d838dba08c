import type { Core } from '@strapi/strapi';
import type { DocumentStats } from 'strapi-plugin-engagement/shared';
import type { TestApp } from './strapi';

/** Settings for engagement tests: no rate limit (many requests from 127.0.0.1), a public URL template. */
export const ENGAGEMENT_TEST_ENV: Record<string, string> = {
  ENGAGEMENT_RATE_LIMIT_MAX: '0',
  ENGAGEMENT_ARTICLE_URL: 'https://example.com/articles/{slug}',
  ENGAGEMENT_STORE: 'memory',
  // Long interval: tests flush explicitly, so nothing depends on timing.
  ENGAGEMENT_FLUSH_INTERVAL_MS: '3600000',
  // Generous Redis timeout: a busy CI machine (three test passes on two cores) stalls an app's event loop
  // for seconds, and a command must not look slow for it (the slow-Redis test sets its own).
  ENGAGEMENT_REDIS_TIMEOUT_MS: '10000',
};

let counter = 0;
/** A browser-like user agent, distinct per call unless `id` is given. */
export const browserUA = (id: string | number = `${process.pid}-${(counter += 1)}`): string =>
  `Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 visitor/${id}`;

export interface Article {
  documentId: string;
  title: string;
  slug: string;
}

/** Creates a published article through the Document Service (as the admin or REST would). */
export async function createArticle(
  strapi: Core.Strapi,
  title: string,
  status: 'published' | 'draft' = 'published'
): Promise<Article> {
  const doc = (await strapi
    .documents('api::article.article')
    .create({ data: { title } as never, status })) as unknown as Article;
  return { documentId: doc.documentId, title: doc.title, slug: doc.slug };
}

/** POST a view as a given visitor; resolves to the response. */
export const postView = (app: TestApp, documentId: string, userAgent: string, type = 'article') =>
  app.http().post(`/api/engagement/${type}/${documentId}/view`).set('User-Agent', userAgent);

/** Writes buffered counts to the database now. */
export const flush = (strapi: Core.Strapi) =>
  (strapi.plugin('engagement').service('counter') as { flush(): Promise<unknown> }).flush();

/** GET stats of one article. */
export async function stats(app: TestApp, documentId: string, query = ''): Promise<DocumentStats> {
  const res = await app.http().get(`/api/engagement/article/${documentId}${query}`);
  if (res.status !== 200)
    throw new Error(`stats ${documentId}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data;
}

/** Stored (flushed) views of a document, read straight from the plugin's table. */
export async function storedViews(strapi: Core.Strapi, documentId: string): Promise<number> {
  const row = (await strapi.db
    .getConnection('engagement_totals')
    .where({ target_document_id: documentId, metric: 'view' })
    .first()) as { count?: number | string } | undefined;
  return Number(row?.count ?? 0);
}

/** Runs `fn` over `items` with at most `concurrency` in flight. */
export async function pool<T, R>(
  items: readonly T[],
  concurrency: number,
  fn: (item: T) => Promise<R>
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const index = next;
        next += 1;
        results[index] = await fn(items[index]);
      }
    })
  );
  return results;
}
