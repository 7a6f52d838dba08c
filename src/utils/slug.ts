import { createHash } from 'node:crypto';
import slugify from 'slugify';

/** Longest slug we generate; long titles are cut at a word boundary. */
export const MAX_SLUG_LENGTH = 80;

const SLUGIFY_OPTIONS = { lower: true, strict: true, trim: true } as const;

/**
 * Turns a title into a URL slug with slugify (transliterating Latin, Cyrillic, Greek, Arabic, ... ).
 *
 * Scripts slugify cannot transliterate (Chinese, Japanese, Korean, ...) would give an empty slug, so the
 * fallback is `<fallbackPrefix>-<8 hex chars of a hash of the title>`: stable for one title, never empty.
 */
export function slugFromTitle(title: string, fallbackPrefix = 'item'): string {
  const normalized = title.normalize('NFKC').trim();
  let slug = slugify(normalized, SLUGIFY_OPTIONS).replace(/-+/g, '-').replace(/^-|-$/g, '');
  if (slug.length > MAX_SLUG_LENGTH) {
    const cut = slug.slice(0, MAX_SLUG_LENGTH);
    const lastDash = cut.lastIndexOf('-');
    slug = lastDash > MAX_SLUG_LENGTH / 2 ? cut.slice(0, lastDash) : cut;
  }
  if (slug.length > 0 && /[a-z0-9]/.test(slug)) return slug;
  const hash = createHash('sha1').update(normalized).digest('hex').slice(0, 8);
  return `${slugify(fallbackPrefix, SLUGIFY_OPTIONS) || 'item'}-${hash}`;
}

/**
 * Picks the first free slug among `base`, `base-2`, `base-3`, ... given the slugs already taken.
 */
export function nextFreeSlug(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let n = 2; ; n += 1) {
    const candidate = `${base}-${n}`;
    if (!used.has(candidate)) return candidate;
  }
}
