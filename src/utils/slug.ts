import { createHash } from 'node:crypto';
import slugify from 'slugify';
import { stripInvisible } from './names';

/** Longest slug we generate; long titles are cut at a word boundary. */
export const MAX_SLUG_LENGTH = 80;

const SLUGIFY_OPTIONS = { lower: true, strict: true, trim: true } as const;

/** The few HTML entities titles pasted from a CMS or a feed carry. */
const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ndash: '–',
  mdash: '—',
};

/** Decodes named (the common ones) and numeric HTML entities. */
function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code =
        name[1] === 'x' || name[1] === 'X'
          ? parseInt(name.slice(2), 16)
          : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff
        ? String.fromCodePoint(code)
        : ' ';
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/**
 * Prepares a title for slugify, so that symbols never turn into invented words and numbers keep their
 * meaning (slugify alone makes "AT&T" "atandt", "$85bn" "dollar85bn", "100%" "100percent", "6.1" "61"):
 * - markup is removed (`<em>With</em>` → `With`), entities decoded first (`&amp;` → `&`);
 * - zero-width and bidi control characters are removed, then NFKC (full-width letters, ligatures);
 * - a dot or comma between digits becomes a dash: "6.1" → "6-1", "1,000" → "1-000"; so does a dot inside a
 *   word ("Node.js" → "node-js"), as WordPress and Ghost do;
 * - "&", "$" and "%" are dropped where they stand ("AT&T" → "ATT", "$85bn" → "85bn", "Q&A" → "QA"),
 *   the way WordPress drops them;
 * - every other symbol (Unicode category S: "<", ">", "|", "+", "€", "©", "™", emoji, ...) separates words.
 */
export function prepareTitle(title: string): string {
  let text = decodeEntities(title);
  // tags and comments: `<tag ...>`, `</tag>`, `<!-- ... -->`; a lone "<" or "5 < 6" is left to the symbol rule
  text = text.replace(/<!--[\s\S]*?-->|<\/?[a-z][^<>]*>/gi, ' ');
  // symbols go before NFKC too, which would spell some out ("™" → "TM"), and after it (full-width "＄" → "$")
  text = dropSymbols(stripInvisible(dropSymbols(text)).normalize('NFKC'));
  return text
    .replace(/(\d)[.,](?=\d)/g, '$1-')
    .replace(/(?<=[\p{L}\p{N}])\.(?=[\p{L}\p{N}])/gu, '-');
}

const dropSymbols = (text: string): string => text.replace(/[&$%]/g, '').replace(/\p{S}/gu, ' ');

/**
 * Turns a title into a URL slug: {@link prepareTitle}, then slugify (transliterating accented Latin,
 * Cyrillic, Greek, ...), lower case, words joined with single dashes, at most {@link MAX_SLUG_LENGTH}
 * characters cut at a word boundary.
 *
 * Scripts slugify cannot transliterate (Chinese, Japanese, Korean, ...) would give an empty slug, so the
 * fallback is `<fallbackPrefix>-<8 hex chars of a hash of the title>`: stable for one title, never empty.
 */
export function slugFromTitle(title: string, fallbackPrefix = 'item'): string {
  const prepared = prepareTitle(title);
  let slug = slugify(prepared, SLUGIFY_OPTIONS).replace(/-+/g, '-').replace(/^-|-$/g, '');
  if (slug.length > MAX_SLUG_LENGTH) {
    const cut = slug.slice(0, MAX_SLUG_LENGTH + 1);
    const lastDash = cut.lastIndexOf('-');
    // the character after the cut is a dash: the cut already ends on a whole word
    slug = lastDash > MAX_SLUG_LENGTH / 2 ? cut.slice(0, lastDash) : cut.slice(0, MAX_SLUG_LENGTH);
  }
  if (slug.length > 0 && /[a-z0-9]/.test(slug)) return slug;
  const hash = createHash('sha1').update(title.normalize('NFKC').trim()).digest('hex').slice(0, 8);
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
