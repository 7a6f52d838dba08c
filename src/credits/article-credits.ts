import type { Core } from '@strapi/strapi';
import { pickCredit } from '../api/image-credit/services/image-credit';
import { loadArticleImages } from './article-images';
import { imageStructuredData } from './json-ld';

type Article = Record<string, any> & {
  cover?: { id: number } | null;
  coverCredit?: any;
  body?: unknown;
};

/**
 * What the by-slug answer adds for credits, on the sanitized article (in place):
 * - `effectiveCoverCredit` and `coverCreditSource` (`article` | `file` | null): the article's own
 *   `coverCredit`, else its cover file's credit;
 * - `coverStructuredData`: `{ jsonLd, digitalSourceType }`, a schema.org ImageObject for the cover;
 * - `credit` on each image node of the body: its file's credit, or null.
 */
export async function addCreditsToArticle(strapi: Core.Strapi, article: Article): Promise<void> {
  const images = await loadArticleImages(strapi, article);
  const ownCredit = article.coverCredit ?? null;
  const effective = images.cover?.credit ?? ownCredit;
  article.effectiveCoverCredit = pickCredit(effective);
  article.coverCreditSource = images.cover?.source ?? (ownCredit ? 'article' : null);

  article.coverStructuredData = images.cover
    ? imageStructuredData({
        url: images.cover.file.url,
        publicUrl: strapi.config.get('server.url') as string | undefined,
        credit: effective,
        provenance: images.cover.file.provenance,
      })
    : null;

  if (Array.isArray(article.body)) {
    for (const { ref, credit } of images.body) {
      const node = article.body[ref.index] as { image?: Record<string, unknown> };
      if (node?.image) node.image.credit = pickCredit(credit);
    }
  }
}
