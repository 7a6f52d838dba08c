/**
 * The first pass over an export: what a post needs to know about the rest of the file, kept small (no
 * post content): the site, authors, terms, attachments (URLs, captions, credits) and translation groups.
 * It exists because WXR lists children before parents: a post may come before its featured image, a
 * category before its parent, a translation before the group that links it.
 */
import { maybeUnserialize } from './php-values';
import {
  metaValue,
  type WxrAuthor,
  type WxrItem,
  type WxrRecord,
  type WxrSite,
  type WxrTerm,
} from './wxr';

export interface AttachmentInfo {
  id: number;
  /** the exported URL (since WordPress 5.3 the `-scaled` copy of a big image) */
  url: string;
  /** the original upload, when the metadata names one (`original_image`) */
  originalUrl?: string;
  parent: number;
  title: string;
  /** the attachment caption (post_excerpt) */
  caption: string;
  alt: string;
  /** `image_meta` credit and copyright (WordPress fills them from the file's IPTC) */
  credit: string;
  copyright: string;
}

export interface TranslationLink {
  /** Polylang's `post_translations` term slug or WPML's translation group */
  group: string;
  language: string;
}

export interface ExportIndex {
  site: WxrSite;
  authors: Map<string, WxrAuthor>;
  /** category, post_tag and other terms by `taxonomy:slug` */
  terms: Map<string, WxrTerm>;
  attachments: Map<number, AttachmentInfo>;
  /** image attachments by the post they were uploaded to, in export order */
  attachmentsByParent: Map<number, number[]>;
  /** a post's language and translation group (Polylang, WPML's export add-on) */
  translations: Map<number, TranslationLink>;
  /** items by type (post, page, attachment, nav_menu_item, …) */
  itemCounts: Record<string, number>;
}

const IMAGE = /\.(jpe?g|png|gif|webp|avif|tiff?|bmp|heic)$/i;

/** An empty index, filled by `addToIndex` record by record. */
export function emptyIndex(): ExportIndex {
  return {
    site: { title: '', link: '', wxrVersion: '', baseSiteUrl: '', baseBlogUrl: '', language: '' },
    authors: new Map(),
    terms: new Map(),
    attachments: new Map(),
    attachmentsByParent: new Map(),
    translations: new Map(),
    itemCounts: {},
  };
}

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

/** The attachment's original upload: `original_image` sits in the same folder as the exported file. */
export function originalUrlOf(url: string, metadata: unknown): string | undefined {
  const original = text((metadata as { original_image?: unknown } | undefined)?.original_image);
  if (!original || !url) return undefined;
  const folder = url.slice(0, url.lastIndexOf('/') + 1);
  const candidate = folder + original;
  return candidate === url ? undefined : candidate;
}

function attachmentOf(item: WxrItem): AttachmentInfo {
  const metadata = metaValue(item, '_wp_attachment_metadata');
  const imageMeta = (metadata as { image_meta?: Record<string, unknown> } | undefined)?.image_meta;
  return {
    id: item.id,
    url: item.attachmentUrl || item.guid,
    originalUrl: originalUrlOf(item.attachmentUrl || item.guid, metadata),
    parent: item.parent,
    title: item.title,
    caption: item.excerpt.trim(),
    alt: text(metaValue(item, '_wp_attachment_image_alt')),
    credit: text(imageMeta?.credit),
    copyright: text(imageMeta?.copyright),
  };
}

/** Adds one record of the first pass to the index. */
export function addToIndex(index: ExportIndex, record: WxrRecord): void {
  switch (record.kind) {
    case 'site-field':
      if (!index.site[record.field]) index.site[record.field] = record.value;
      return;
    case 'author':
      index.authors.set(record.author.login, record.author);
      return;
    case 'term':
      index.terms.set(`${record.term.taxonomy}:${record.term.slug}`, record.term);
      return;
    case 'item': {
      const item = record.item;
      index.itemCounts[item.type] = (index.itemCounts[item.type] ?? 0) + 1;
      if (item.type === 'attachment') {
        const attachment = attachmentOf(item);
        index.attachments.set(item.id, attachment);
        if (attachment.parent > 0 && IMAGE.test(new URL(attachment.url, 'http://x').pathname)) {
          const siblings = index.attachmentsByParent.get(attachment.parent) ?? [];
          siblings.push(item.id);
          index.attachmentsByParent.set(attachment.parent, siblings);
        }
        return;
      }
      const link = translationOf(item);
      if (link) index.translations.set(item.id, link);
    }
  }
}

/** A post's language and group from its own terms (Polylang) or meta (WPML's export add-on). */
export function translationOf(item: WxrItem): TranslationLink | undefined {
  const language = item.terms.find((t) => t.domain === 'language')?.slug;
  const group = item.terms.find((t) => t.domain === 'post_translations')?.slug;
  if (language) return { language, group: group ? `pll:${group}` : `post:${item.id}` };
  const wpmlLanguage = text(metaValue(item, '_wpml_import_language_code'));
  if (wpmlLanguage) {
    const wpmlGroup = text(metaValue(item, '_wpml_import_translation_group'));
    return { language: wpmlLanguage, group: wpmlGroup ? `wpml:${wpmlGroup}` : `post:${item.id}` };
  }
  return undefined;
}

/**
 * Polylang's groups from the terms (the `post_translations` term's description is a serialized
 * `{language: post_id}` map): fills in posts whose own terms name no group, as Polylang's importer does.
 */
export function completeTranslations(index: ExportIndex): void {
  for (const term of index.terms.values()) {
    if (term.taxonomy !== 'post_translations') continue;
    const map = maybeUnserialize(term.description);
    if (!map || typeof map !== 'object') continue;
    for (const [language, postId] of Object.entries(map as Record<string, unknown>)) {
      const id = Number(postId);
      if (!Number.isSafeInteger(id) || id <= 0) continue;
      const known = index.translations.get(id);
      if (!known || known.group.startsWith('post:'))
        index.translations.set(id, { language, group: `pll:${term.slug}` });
    }
  }
}

/** A category's name with its parents' ("Travel / Sea"), from the terms whatever their order in the file. */
export function categoryPath(index: ExportIndex, slug: string, separator = ' / '): string {
  const names: string[] = [];
  const seen = new Set<string>();
  let current = index.terms.get(`category:${slug}`);
  while (current && !seen.has(current.slug)) {
    seen.add(current.slug);
    names.unshift(current.name || current.slug);
    current = current.parent ? index.terms.get(`category:${current.parent}`) : undefined;
  }
  return names.join(separator);
}
