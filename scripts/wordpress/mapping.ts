/**
 * How one WordPress post becomes an article, before anything is written: its title, slug, status and
 * dates, tags and author. Pure; the importer adds the body, cover and counts.
 */
import { createHash } from 'node:crypto';
import slugify from 'slugify';
import { categoryPath, type ExportIndex } from './export-index';
import { htmlToText } from './strapi-blocks';
import type { WxrItem } from './wxr';

/** What Strapi accepts in a `uid` field (src/document-rules/slug-field.ts). */
const UID_PATTERN = /^[A-Za-z0-9-_.~]+$/;
const SLUG_MAX = 96;
const TITLE_MAX = 200;

export type ArticleStatus = 'published' | 'draft';

export interface PostPlan {
  wpId: number;
  title: string;
  /** undefined: let the content rules make one from the title */
  slug?: string;
  status: ArticleStatus;
  /** the original publication date (published posts) */
  publishedAt?: string;
  /** why the post is not published as it was (future, private, password), for the report */
  notes: string[];
  /** tag names (categories with their parents' names, then tags) */
  tags: string[];
  author?: string;
  excerpt?: string;
  sticky: boolean;
  /** the site's old path for this post, for redirects */
  link: string;
}

/** Statuses that skip the post entirely (never content). */
export const SKIPPED_STATUSES: Record<string, string> = {
  trash: 'in the trash',
  'auto-draft': 'an auto-draft',
  inherit: 'a revision',
};

/** The title as text: entities decoded, markup removed; an empty one gets a name saying where it came from. */
export function plainTitle(item: WxrItem): { title: string; note?: string } {
  const text = htmlToText(htmlToText(item.title)).slice(0, TITLE_MAX).trim();
  if (text) return { title: text, note: text !== item.title ? 'title markup removed' : undefined };
  return { title: `Untitled (WordPress post ${item.id})`, note: 'empty title replaced' };
}

/**
 * WordPress's slug, percent-decoded ("%d0%bf%d1%80…" → "привет…"), when Strapi's uid accepts it; else the
 * decoded slug transliterated ("privet-mir"), with a note. Empty for drafts that never had one.
 */
export function slugOf(name: string): { slug?: string; note?: string } {
  if (!name) return {};
  let decoded = name;
  try {
    decoded = decodeURIComponent(name);
  } catch {
    // a lone % in a slug: keep it as exported, the transliteration below makes it valid
  }
  const lower = decoded.toLowerCase();
  if (UID_PATTERN.test(lower) && lower.length <= SLUG_MAX) return { slug: lower };
  const transliterated = slugify(decoded, { lower: true, strict: true, trim: true }).slice(
    0,
    SLUG_MAX
  );
  if (!transliterated)
    return { note: `slug "${decoded}" has no Latin letters; made from the title` };
  return {
    slug: transliterated,
    note: `slug "${decoded}" became "${transliterated}" (Strapi slugs are ASCII)`,
  };
}

/** How a sub-category's tag is named: with its parents ("Travel / Sea", the default) or alone ("Sea"). */
export type CategoryNames = 'path' | 'leaf';

/** The tag name of a category (see CategoryNames). */
export function categoryTagName(
  index: ExportIndex,
  slug: string,
  fallback: string,
  names: CategoryNames = 'path'
): string {
  if (names === 'leaf') return index.terms.get(`category:${slug}`)?.name || fallback;
  return categoryPath(index, slug) || fallback;
}

/** The plan for a post (see PostPlan). */
export function planPost(
  item: WxrItem,
  index: ExportIndex,
  categoryNames: CategoryNames = 'path'
): PostPlan {
  const notes: string[] = [];
  const { title, note: titleNote } = plainTitle(item);
  if (titleNote) notes.push(titleNote);
  const { slug, note: slugNote } = slugOf(item.name);
  if (slugNote) notes.push(slugNote);

  let status: ArticleStatus = 'draft';
  let publishedAt: string | undefined;
  if (item.status === 'publish' && !item.password) {
    status = 'published';
    publishedAt = item.date ?? undefined;
  } else if (item.status === 'publish') {
    notes.push('password-protected: imported as a draft');
  } else if (item.status === 'future') {
    notes.push(`scheduled for ${item.date ?? 'an unknown date'}: imported as a draft`);
  } else if (item.status === 'private') {
    notes.push('private: imported as a draft');
  } else if (item.status === 'pending') {
    notes.push('pending review: imported as a draft');
  }

  const categories = item.terms
    .filter((t) => t.domain === 'category')
    .map((t) => categoryTagName(index, t.slug, t.name, categoryNames));
  const tags = item.terms
    .filter((t) => t.domain === 'post_tag' || t.domain === 'tag')
    .map((t) => t.name);
  const names = [...new Set([...categories, ...tags].map((n) => n.trim()).filter(Boolean))];

  const excerpt = htmlToText(item.excerpt);
  let link = item.link;
  try {
    link = new URL(item.link).pathname;
  } catch {
    // a relative or empty link stays as exported
  }
  return {
    wpId: item.id,
    title,
    slug,
    status,
    publishedAt,
    notes,
    tags: names,
    author: index.authors.get(item.creator)?.displayName || item.creator || undefined,
    excerpt: excerpt ? excerpt.slice(0, 300) : undefined,
    sticky: item.sticky,
    link,
  };
}

/** A fingerprint of everything the import reads from an item: unchanged → a second run skips it. */
export function sourceHash(item: WxrItem, version: string): string {
  const { comments: _comments, meta, ...rest } = item;
  return createHash('sha1')
    .update(version)
    .update(JSON.stringify(rest))
    .update(
      JSON.stringify(
        [...meta].filter(([key]) => !key.startsWith('_edit') && !key.startsWith('_oembed'))
      )
    )
    .digest('hex')
    .slice(0, 20);
}
