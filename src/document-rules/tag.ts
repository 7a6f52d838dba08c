import { fieldError } from './errors';
import { assertSlugUsable, generateSlug } from './slug-field';
import type { DocumentRule } from './types';

const UID = 'api::tag.tag';

/**
 * Tag rules: a name is required and unique ignoring case ("AI" and "ai" are one tag) on every database
 * (Strapi's `unique` is case-sensitive on PostgreSQL and SQLite); the slug is generated from the name
 * when empty and then stays put, so links keep working when a tag is renamed.
 */
export const tagRule: DocumentRule = async ({ strapi, data, documentId }) => {
  const previous = documentId
    ? ((await strapi.db.query(UID).findOne({ where: { documentId } })) as { name?: string; slug?: string | null } | null)
    : null;

  // an update of an unknown document: let Strapi answer 404
  if (documentId && !previous) return;

  if ('name' in data || !previous) {
    if (typeof data.name !== 'string' || data.name.trim() === '') throw fieldError('name', 'name is required', data.name);
    data.name = data.name.trim().replace(/\s+/g, ' ');
    const clash = (await strapi.db.query(UID).findOne({
      select: ['name'],
      where: { name: { $eqi: data.name }, ...(documentId ? { documentId: { $ne: documentId } } : {}) },
    })) as { name: string } | null;
    if (clash) throw fieldError('name', `a tag named "${clash.name}" already exists`, data.name);
  }
  const name = String(data.name ?? previous?.name ?? '');

  if (typeof data.slug === 'string' && data.slug.trim() !== '') {
    const slug = data.slug.trim();
    data.slug = slug;
    if (slug !== previous?.slug) await assertSlugUsable(strapi, UID, slug, documentId);
  } else if (data.slug === null || data.slug === '' || !previous?.slug) {
    data.slug = await generateSlug(strapi, UID, name, 'tag', documentId);
  } else {
    delete data.slug;
  }
};
