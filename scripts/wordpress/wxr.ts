/**
 * What a WXR export holds, as plain typed records: the site, authors, terms and items (posts, pages,
 * attachments) with their meta and comments. `readWxr` streams them from a file of any size; the mapping
 * from element trees is pure and tolerant of WXR 1.0-1.2 and WordPress.com's variants.
 */
import fs from 'node:fs';
import {
  child,
  childText,
  children,
  readRecords,
  type RecordStreamStats,
  type XmlNode,
} from './xml-records';
import { maybeUnserialize } from './php-values';

export interface WxrSite {
  title: string;
  link: string;
  wxrVersion: string;
  baseSiteUrl: string;
  baseBlogUrl: string;
  language: string;
}

export interface WxrAuthor {
  id: number;
  login: string;
  email: string;
  displayName: string;
}

export interface WxrTerm {
  id: number;
  /** category, post_tag, nav_menu, language, post_translations, … */
  taxonomy: string;
  slug: string;
  name: string;
  /** the parent's slug (WXR names parents by slug), '' for a top-level term */
  parent: string;
  description: string;
}

export interface WxrItemTerm {
  /** category, post_tag, language, post_translations, … */
  domain: string;
  slug: string;
  name: string;
}

export interface WxrComment {
  id: number;
  author: string;
  authorEmail: string;
  authorUrl: string;
  date: string | null;
  content: string;
  /** '1' approved, '0' pending, 'spam', 'trash' */
  approved: string;
  /** '' or 'comment' for a comment; 'pingback', 'trackback' */
  type: string;
  parent: number;
  userId: number;
}

export interface WxrItem {
  id: number;
  title: string;
  link: string;
  creator: string;
  guid: string;
  content: string;
  excerpt: string;
  /** ISO date in UTC, from post_date_gmt, else post_date, else pubDate; null for a never-published draft */
  date: string | null;
  /** the slug as exported (may be percent-encoded) */
  name: string;
  status: string;
  parent: number;
  type: string;
  password: string;
  sticky: boolean;
  attachmentUrl: string;
  terms: WxrItemTerm[];
  /** meta values with PHP-serialized ones decoded */
  meta: Map<string, unknown[]>;
  comments: WxrComment[];
}

export type WxrRecord =
  | { kind: 'site-field'; field: keyof WxrSite; value: string }
  | { kind: 'author'; author: WxrAuthor }
  | { kind: 'term'; term: WxrTerm }
  | { kind: 'item'; item: WxrItem };

const int = (text: string): number => {
  const value = Number.parseInt(text, 10);
  return Number.isFinite(value) ? value : 0;
};

const MYSQL_DATE = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/;

/**
 * A MySQL datetime as WordPress writes it ("2024-02-29 13:05:00") read as UTC, or null for the zero date
 * WordPress gives never-published drafts ("0000-00-00 00:00:00") and anything unreadable.
 */
export function parseMysqlDate(text: string): string | null {
  const match = MYSQL_DATE.exec(text.trim());
  if (!match || match[1] === '0000') return null;
  const date = new Date(`${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${match[6]}Z`);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** An RSS pubDate, or null for WordPress's "Mon, 30 Nov -0001 00:00:00 +0000" and other nonsense. */
export function parseRssDate(text: string): string | null {
  if (!text.trim() || /-0001/.test(text)) return null;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) || date.getUTCFullYear() < 1970 ? null : date.toISOString();
}

/** post_date_gmt, else post_date (the site's local time, read as UTC), else pubDate. */
export function itemDate(dateGmt: string, date: string, pubDate: string): string | null {
  return parseMysqlDate(dateGmt) ?? parseMysqlDate(date) ?? parseRssDate(pubDate);
}

const EXCERPT = /excerpt/i;

function toComment(node: XmlNode): WxrComment {
  return {
    id: int(childText(node, 'comment_id')),
    author: childText(node, 'comment_author'),
    authorEmail: childText(node, 'comment_author_email'),
    authorUrl: childText(node, 'comment_author_url'),
    date:
      parseMysqlDate(childText(node, 'comment_date_gmt')) ??
      parseMysqlDate(childText(node, 'comment_date')),
    content: childText(node, 'comment_content', true),
    approved: childText(node, 'comment_approved'),
    type: childText(node, 'comment_type'),
    parent: int(childText(node, 'comment_parent')),
    userId: int(childText(node, 'comment_user_id')),
  };
}

/** An `<item>` as a typed record. */
export function toItem(node: XmlNode): WxrItem {
  const encoded = children(node, 'encoded');
  const content = encoded.find((n) => !EXCERPT.test(n.prefix) && !EXCERPT.test(n.uri));
  const excerpt = encoded.find((n) => EXCERPT.test(n.prefix) || EXCERPT.test(n.uri));
  const meta = new Map<string, unknown[]>();
  for (const entry of children(node, 'postmeta')) {
    const key = childText(entry, 'meta_key');
    if (!key) continue;
    const values = meta.get(key) ?? [];
    values.push(maybeUnserialize(childText(entry, 'meta_value', true)));
    meta.set(key, values);
  }
  return {
    id: int(childText(node, 'post_id')),
    title: childText(node, 'title'),
    link: childText(node, 'link'),
    creator: childText(node, 'creator'),
    guid: childText(node, 'guid'),
    content: content?.text ?? '',
    excerpt: excerpt?.text ?? '',
    date: itemDate(
      childText(node, 'post_date_gmt'),
      childText(node, 'post_date'),
      childText(node, 'pubDate')
    ),
    name: childText(node, 'post_name'),
    status: childText(node, 'status') || 'publish',
    parent: int(childText(node, 'post_parent')),
    type: childText(node, 'post_type') || 'post',
    password: childText(node, 'post_password', true),
    sticky: childText(node, 'is_sticky') === '1',
    attachmentUrl: childText(node, 'attachment_url'),
    terms: children(node, 'category').map((c) => ({
      domain: c.attrs.domain ?? 'category',
      slug: c.attrs.nicename ?? '',
      name: c.text.trim(),
    })),
    meta,
    comments: children(node, 'comment').map(toComment),
  };
}

/** A channel-level `<wp:category>`, `<wp:tag>` or `<wp:term>` as a term. */
export function toTerm(node: XmlNode): WxrTerm {
  const fields = (name: string) => childText(node, name);
  if (node.local === 'category') {
    return {
      id: int(fields('term_id')),
      taxonomy: 'category',
      slug: fields('category_nicename'),
      name: fields('cat_name'),
      parent: fields('category_parent'),
      description: fields('category_description'),
    };
  }
  if (node.local === 'tag') {
    return {
      id: int(fields('term_id')),
      taxonomy: 'post_tag',
      slug: fields('tag_slug'),
      name: fields('tag_name'),
      parent: '',
      description: fields('tag_description'),
    };
  }
  return {
    id: int(fields('term_id')),
    taxonomy: fields('term_taxonomy'),
    slug: fields('term_slug'),
    name: fields('term_name'),
    parent: fields('term_parent'),
    description: childText(node, 'term_description', true),
  };
}

const SITE_FIELDS: Record<string, keyof WxrSite> = {
  title: 'title',
  link: 'link',
  wxr_version: 'wxrVersion',
  base_site_url: 'baseSiteUrl',
  base_blog_url: 'baseBlogUrl',
  language: 'language',
};

/** A record from `<channel>` as the importer needs it, or null for what it does not use (generator, image). */
export function toRecord(node: XmlNode): WxrRecord | null {
  if (node.local === 'item') return { kind: 'item', item: toItem(node) };
  if (node.local === 'author' && node.children.length > 0) {
    return {
      kind: 'author',
      author: {
        id: int(childText(node, 'author_id')),
        login: childText(node, 'author_login'),
        email: childText(node, 'author_email'),
        displayName: childText(node, 'author_display_name') || childText(node, 'author_login'),
      },
    };
  }
  if (['category', 'tag', 'term'].includes(node.local) && node.children.length > 0) {
    return { kind: 'term', term: toTerm(node) };
  }
  const field = SITE_FIELDS[node.local];
  if (field && node.children.length === 0)
    return { kind: 'site-field', field, value: node.text.trim() };
  return null;
}

/** Streams the records of a WXR file (see readRecords: bounded memory, chunk by chunk). */
export async function* readWxr(file: string, stats?: RecordStreamStats): AsyncGenerator<WxrRecord> {
  const stream = fs.createReadStream(file, { highWaterMark: 256 * 1024 });
  for await (const node of readRecords(stream, stats)) {
    const record = toRecord(node);
    if (record) yield record;
  }
}

/** The first value of a meta key, or undefined. */
export function metaValue(item: WxrItem, key: string): unknown {
  return item.meta.get(key)?.[0];
}

export { child };
