import {
  ALL_TAG,
  ANY_WRITE_TAG,
  documentTag,
  listTag,
  mediaIdTag,
  mediaUrlTag,
  relationsTag,
} from './dependencies';

/** A document another one points at (or is pointed at by), as a write's related documents are read. */
export interface RelatedDocument {
  uid: string;
  documentId: string;
}

/**
 * A row a write touched that the public can see (a row of a type without draft & publish, or a
 * published row), before or after the write, with the documents it is related to at that moment.
 */
export interface PublicRow {
  documentId: string;
  related: RelatedDocument[];
  /** Upload files only: the row id and URL, by which blocks bodies embed images. */
  media?: { id: number; url: string | null };
}

/** Models whose writes can change any response: who may read (permissions, roles), which locales exist. */
const GLOBAL_MODELS: ReadonlySet<string> = new Set([
  'plugin::i18n.locale',
  'plugin::users-permissions.permission',
  'plugin::users-permissions.role',
]);

/** Whether a write to `uid` invalidates every cached response. */
export const invalidatesEverything = (uid: string): boolean => GLOBAL_MODELS.has(uid);

/** The tags of a write whose rows cannot be told (a bulk write without a usable `where`): every response. */
export const EVERYTHING: readonly string[] = [ALL_TAG];

/**
 * Whether a row is visible to the public: every row of a type without draft & publish, only published
 * rows (`publishedAt` set) of a type with it. Writes touching only draft rows change no public response.
 */
export const isPublicRow = (hasDraftAndPublish: boolean, row: { publishedAt?: unknown }): boolean =>
  !hasDraftAndPublish || (row.publishedAt !== null && row.publishedAt !== undefined);

/**
 * The tags a write invalidates, from the public rows it touched of content type `uid` (as they were
 * before it and as they are after it):
 * - each touched document (every response showing it, top-level or populated anywhere);
 * - every list of `uid` (a publish, unpublish or delete can add, remove or reorder entries anywhere);
 * - the relations of each document related to a touched row before or after (its inverse relation, a
 *   count through it such as a tag's `articleCount`, may change: responses where it is an entry of `data`
 *   or nested with a relation populated; not those that merely show it inside another entry), and every
 *   list of those documents' types (lists filter, sort and count through relations: an article list
 *   filtered by tag name changes with a tag rename);
 * - for upload files, the file by row id and URL (blocks bodies embed images that way);
 * - the any-write tag (entries whose dependencies could not be told).
 * No public row (only drafts were written): nothing.
 */
export function writeTags(uid: string, rows: readonly PublicRow[]): string[] {
  if (rows.length === 0) return [];
  const tags = new Set<string>([ANY_WRITE_TAG, listTag(uid)]);
  for (const row of rows) {
    tags.add(documentTag(row.documentId));
    if (row.media) {
      tags.add(mediaIdTag(row.media.id));
      if (row.media.url) tags.add(mediaUrlTag(row.media.url));
    }
    for (const related of row.related) {
      tags.add(relationsTag(related.documentId));
      tags.add(listTag(related.uid));
    }
  }
  return [...tags].sort();
}
