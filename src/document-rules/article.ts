import type { Core } from '@strapi/strapi';
import { excerptFromBody, readingTimeMinutes } from '../utils/blocks';
import { resolveDerivedField } from '../utils/derived-field';
import { fieldError } from './errors';
import { assertSlugUsable, generateSlug, isGeneratedFrom } from './slug-field';
import { otherThan, type DocumentRule } from './types';

const UID = 'api::article.article';
/** Longest excerpt derived from the body (the schema's maxLength). */
export const EXCERPT_MAX = 300;

interface StoredArticle {
  title?: string | null;
  slug?: string | null;
  excerpt?: string | null;
  body?: unknown;
  firstPublishedAt?: string | null;
}

/** Only rows of this locale (articles are localized; undefined when localization is switched off). */
const inLocale = (locale?: string) => (locale ? { locale } : {});

/** Whether this locale of the document has ever been published (a published row now, or a first-publish date). */
async function wasPublished(
  strapi: Core.Strapi,
  documentId: string,
  draft: StoredArticle,
  locale?: string
): Promise<boolean> {
  if (draft.firstPublishedAt) return true;
  const published = await strapi.db.query(UID).findOne({
    select: ['id'],
    where: { documentId, publishedAt: { $notNull: true }, ...inLocale(locale) },
  });
  return Boolean(published);
}

/** Whether any row of the document exists, in any locale. */
async function documentExists(strapi: Core.Strapi, documentId: string): Promise<boolean> {
  return (await strapi.db.query(UID).count({ where: { documentId } })) > 0;
}

/**
 * Article rules, applied to every create, update and clone through the Document Service (REST, admin, code):
 * - a title is required even for drafts (Strapi skips `required` on drafts);
 * - the slug is generated from the title when empty, made unique with -2, -3, ...; it follows title
 *   changes only while the article was never published and the slug is still the generated one;
 * - the excerpt is derived from the body unless an editor wrote one;
 * - readingTimeMinutes is always computed from the body (a value sent by a client is ignored);
 * - a clone is a new document: it gets a slug of its own (generated from its title, or the one the editor
 *   typed if free), and its excerpt follows its body unless the source's excerpt was written by hand.
 * Every rule holds per locale: the previous version, the taken slugs and the publication state are those of
 * the locale written. An update in a locale the document does not have yet creates that localization (the
 * Content Manager's "create localization", REST `PUT ...?locale=fr`): it is checked like a new article.
 */
export const articleRule: DocumentRule = async ({ strapi, action, data, documentId, locale }) => {
  const previous = documentId
    ? ((await strapi.db.query(UID).findOne({
        where: { documentId, publishedAt: null, ...inLocale(locale) },
      })) as StoredArticle | null)
    : null;

  // an update or clone of an unknown document: let Strapi answer 404
  if (
    documentId &&
    !previous &&
    !(action === 'update' && (await documentExists(strapi, documentId)))
  )
    return;
  const exclude = otherThan({ action, documentId });
  const isClone = action === 'clone';

  const title = 'title' in data ? data.title : previous?.title;
  if (typeof title !== 'string' || title.trim() === '') {
    throw fieldError('title', 'title is required', title);
  }

  // the admin's duplicate form sends the source's slug back: the clone gets a slug of its own instead
  if (isClone && data.slug === previous?.slug) delete data.slug;
  if (typeof data.slug === 'string' && data.slug.trim() !== '') {
    const slug = data.slug.trim();
    data.slug = slug;
    if (slug !== previous?.slug || isClone)
      await assertSlugUsable(strapi, UID, slug, exclude, locale);
  } else {
    const cleared = data.slug === null || data.slug === '';
    const titleChanged = previous && 'title' in data && data.title !== previous.title;
    if (cleared || !previous?.slug || isClone) {
      data.slug = await generateSlug(strapi, UID, title as string, 'article', exclude, locale);
    } else if (
      titleChanged &&
      isGeneratedFrom(previous.slug, previous.title, 'article') &&
      !(await wasPublished(strapi, documentId!, previous, locale))
    ) {
      data.slug = await generateSlug(strapi, UID, title as string, 'article', documentId, locale);
    } else {
      delete data.slug;
    }
  }

  // a clone was never published: it must not inherit its source's first publication date (Strapi copies it)
  if (isClone && strapi.contentType(UID).attributes.firstPublishedAt) data.firstPublishedAt = null;

  const body = 'body' in data ? data.body : previous?.body;
  const excerpt = resolveDerivedField({
    incoming: data.excerpt as string | null | undefined,
    previous: previous?.excerpt,
    previousDerived: previous ? excerptFromBody(previous.body, EXCERPT_MAX) : undefined,
    derived: excerptFromBody(body, EXCERPT_MAX),
  });
  if (excerpt !== undefined) data.excerpt = excerpt;

  data.readingTimeMinutes = readingTimeMinutes(body);
};
