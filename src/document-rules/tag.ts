import { cleanName, nameKey } from '../utils/names';
import { fieldError } from './errors';
import { assertSlugUsable, generateSlug } from './slug-field';
import { otherThan, type DocumentRule } from './types';

const UID = 'api::tag.tag';

/**
 * Tag rules: a name is required and unique as people read it ("AI", "ai", " AI ", "Ａｉ" and "A\u200bI"
 * are one tag, see utils/names). The stored name is the cleaned one; `nameKey` (private, under a unique
 * index) holds the comparison key, so two instances cannot both create "AI". The slug is generated from
 * the name when empty and then stays put, so links keep working when a tag is renamed.
 */
export const tagRule: DocumentRule = async ({ strapi, action, data, documentId }) => {
  const previous = documentId
    ? ((await strapi.db.query(UID).findOne({ where: { documentId } })) as {
        name?: string;
        slug?: string | null;
      } | null)
    : null;

  // an update or clone of an unknown document: let Strapi answer 404
  if (documentId && !previous) return;
  const exclude = otherThan({ action, documentId });

  // the key is always ours to compute
  delete data.nameKey;
  if ('name' in data || !previous || action === 'clone') {
    const raw = 'name' in data ? data.name : previous?.name;
    const name = typeof raw === 'string' ? cleanName(raw) : '';
    if (name === '') throw fieldError('name', 'name is required', raw);
    data.name = name;
    data.nameKey = nameKey(name);
    const clash = (await strapi.db.query(UID).findOne({
      select: ['name'],
      where: { nameKey: data.nameKey, ...(exclude ? { documentId: { $ne: exclude } } : {}) },
    })) as { name: string } | null;
    if (clash) throw fieldError('name', `a tag named "${clash.name}" already exists`, name);
  }
  const name = String(data.name ?? previous?.name ?? '');

  // the admin's duplicate form sends the source's slug back: the clone gets a slug of its own instead
  if (action === 'clone' && data.slug === previous?.slug) delete data.slug;
  if (typeof data.slug === 'string' && data.slug.trim() !== '') {
    const slug = data.slug.trim();
    data.slug = slug;
    if (slug !== previous?.slug || action === 'clone')
      await assertSlugUsable(strapi, UID, slug, exclude);
  } else if (data.slug === null || data.slug === '' || !previous?.slug || action === 'clone') {
    data.slug = await generateSlug(strapi, UID, name, 'tag', exclude);
  } else {
    delete data.slug;
  }
};
