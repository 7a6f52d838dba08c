import type { Core } from '@strapi/strapi';
import { effectiveLocale, isLocalizedType } from '../utils/locale';
import { articleRule } from './article';
import { assertSlugUsable } from './slug-field';

const UID = 'api::article.article';

type DraftRow = { id: number; slug?: string | null; locale?: string | null } & Record<
  string,
  unknown
>;

/**
 * Before an article is published (REST `status=published`, the Content Manager's publish and bulk
 * publish, code): its draft must satisfy the article rules, whatever wrote it. A draft written around
 * the Document Service (`strapi import`, `db.query`, rows from before a rule existed) gets its computed
 * fields (slug, excerpt, reading time) filled in on the draft row first; a draft that cannot be fixed
 * (no title, a slug another document uses) is rejected with a 400 naming the field, and nothing is published.
 * Per locale: `locale` is the publish's (the default locale when absent, a list of locales for the
 * Content Manager's bulk locale publish, every draft locale for `*`).
 */
export async function prepareArticleForPublish(
  strapi: Core.Strapi,
  documentId: string,
  requestedLocale?: unknown
): Promise<void> {
  const locales =
    Array.isArray(requestedLocale) && isLocalizedType(strapi, UID)
      ? { locale: { $in: requestedLocale } }
      : await effectiveLocale(strapi, UID, requestedLocale).then((locale) =>
          locale ? { locale } : {}
        );
  const drafts = (await strapi.db.query(UID).findMany({
    where: { documentId, publishedAt: null, ...locales },
    orderBy: { id: 'asc' },
  })) as DraftRow[];
  // nothing to publish: let Strapi answer
  for (const draft of drafts) {
    const draftLocale = draft.locale ?? undefined;
    const patch: Record<string, unknown> = {};
    await articleRule({ strapi, action: 'update', data: patch, documentId, locale: draftLocale });
    const slug = (patch.slug as string | undefined) ?? draft.slug;
    if (typeof slug === 'string' && !('slug' in patch))
      await assertSlugUsable(strapi, UID, slug, documentId, draftLocale);

    const changed = Object.fromEntries(
      Object.entries(patch).filter(([key, value]) => draft[key] !== value)
    );
    if (Object.keys(changed).length > 0)
      await strapi.db.query(UID).update({ where: { id: draft.id }, data: changed });
  }
}
