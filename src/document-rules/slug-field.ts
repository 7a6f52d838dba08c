import type { Core, UID } from '@strapi/strapi';
import { nextFreeSlug, slugFromTitle } from '../utils/slug';
import { fieldError } from './errors';

/** What Strapi accepts in a `uid` field; we enforce it for drafts too (Strapi checks it only on publish). */
export const UID_PATTERN = /^[A-Za-z0-9-_.~]+$/;

/** Only rows of this locale: a slug is unique within a locale (undefined for types that are not localized). */
const inLocale = (locale?: string) => (locale ? { locale } : {});

/**
 * Slugs already used by other documents that could collide with `base` (`base`, `base-2`, ...), in the
 * same locale. Drafts count too: a draft's slug becomes public when it is published.
 */
async function takenSlugs(
  strapi: Core.Strapi,
  uid: UID.ContentType,
  base: string,
  documentId?: string,
  locale?: string
): Promise<string[]> {
  const rows = (await strapi.db.query(uid).findMany({
    select: ['slug'],
    where: {
      $or: [{ slug: base }, { slug: { $startsWith: `${base}-` } }],
      ...(documentId ? { documentId: { $ne: documentId } } : {}),
      ...inLocale(locale),
    },
  })) as Array<{ slug: string | null }>;
  return rows.map((row) => row.slug).filter((slug): slug is string => typeof slug === 'string');
}

/** A free slug for `source` (a title or a name) in `locale`: slugified, with -2, -3, ... on collision. */
export async function generateSlug(
  strapi: Core.Strapi,
  uid: UID.ContentType,
  source: string,
  fallbackPrefix: string,
  documentId?: string,
  locale?: string
): Promise<string> {
  const base = slugFromTitle(source, fallbackPrefix);
  return nextFreeSlug(base, await takenSlugs(strapi, uid, base, documentId, locale));
}

/** True when `slug` is what {@link generateSlug} would have made from `source` (with or without a -N suffix). */
export function isGeneratedFrom(
  slug: string | null | undefined,
  source: string | null | undefined,
  fallbackPrefix: string
): boolean {
  if (!slug || !source) return false;
  const base = slugFromTitle(source, fallbackPrefix);
  return (
    slug === base || new RegExp(`^${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-\\d+$`).test(slug)
  );
}

/** Rejects a slug an editor typed when it is malformed or another document already uses it in `locale`. */
export async function assertSlugUsable(
  strapi: Core.Strapi,
  uid: UID.ContentType,
  slug: string,
  documentId?: string,
  locale?: string
): Promise<void> {
  if (!UID_PATTERN.test(slug)) {
    throw fieldError(
      'slug',
      'slug may only contain letters, digits and the characters - _ . ~',
      slug
    );
  }
  const clash = await strapi.db.query(uid).findOne({
    select: ['id'],
    where: {
      slug,
      ...(documentId ? { documentId: { $ne: documentId } } : {}),
      ...inLocale(locale),
    },
  });
  const where = locale ? ` in locale "${locale}"` : '';
  if (clash)
    throw fieldError('slug', `slug "${slug}" is already used by another entry${where}`, slug);
}
