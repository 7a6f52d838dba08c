import type { Core } from '@strapi/strapi';
import { articleRule } from './article';
import { assertSlugUsable } from './slug-field';

const UID = 'api::article.article';

/**
 * Before an article is published (REST `status=published`, the Content Manager's publish and bulk
 * publish, code): its draft must satisfy the article rules, whatever wrote it. A draft written around
 * the Document Service (`strapi import`, `db.query`, rows from before a rule existed) gets its computed
 * fields (slug, excerpt, reading time) filled in on the draft row first; a draft that cannot be fixed
 * (no title, a slug another document uses) is rejected with a 400 naming the field, and nothing is published.
 */
export async function prepareArticleForPublish(strapi: Core.Strapi, documentId: string): Promise<void> {
  const draft = (await strapi.db.query(UID).findOne({ where: { documentId, publishedAt: null } })) as
    | ({ id: number; slug?: string | null } & Record<string, unknown>)
    | null;
  // nothing to publish: let Strapi answer
  if (!draft) return;

  const patch: Record<string, unknown> = {};
  await articleRule({ strapi, action: 'update', data: patch, documentId });
  const slug = (patch.slug as string | undefined) ?? draft.slug;
  if (typeof slug === 'string' && !('slug' in patch)) await assertSlugUsable(strapi, UID, slug, documentId);

  const changed = Object.fromEntries(Object.entries(patch).filter(([key, value]) => draft[key] !== value));
  if (Object.keys(changed).length > 0) await strapi.db.query(UID).update({ where: { id: draft.id }, data: changed });
}
