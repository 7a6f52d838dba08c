import type { Core } from '@strapi/strapi';
import { getConfig } from '../utils';

export interface TrackedType {
  uid: string;
  /** The name used in routes, e.g. 'article'. */
  singularName: string;
  tableName: string;
  documentIdColumn: string;
  publishedAtColumn: string;
  /** Attributes a popular list shows when the type has them. */
  listFields: string[];
}

/** Fields a list of documents shows, when the type has them. */
const LIST_FIELDS = ['title', 'slug'];

/** Most documents remembered as "not published" at once; beyond it the oldest answer is dropped (costing one query). */
const NOT_FOUND_CAPACITY = 10_000;

/**
 * The tracked content types and, per type, the documentIds that have a published version. The hot path
 * (POST view) asks this cache instead of the database. The cache is loaded at startup, told about changes
 * after their transaction committed (register.ts, and other instances over Redis), and corrected by the
 * database on a miss: a document the cache does not know is looked up once, and a "not published" answer
 * is remembered for `notFoundCacheMs` only. So a lost or early announcement, a Redis outage, an import or
 * a write that bypassed the Document Service can make the cache late, never lastingly wrong.
 */
const publishedCache = ({ strapi }: { strapi: Core.Strapi }) => {
  const byName = new Map<string, TrackedType>();
  const byUid = new Map<string, TrackedType>();
  const published = new Map<string, Set<string>>();
  /** `uid\ndocumentId` → when the "not published" answer expires. */
  const notFound = new Map<string, number>();
  /** Database look-ups in flight, shared by concurrent misses of one document. */
  const lookups = new Map<string, Promise<boolean>>();
  /**
   * The newest look-up or change per document: a look-up stores its answer only if nothing newer started
   * meanwhile, so answers arriving out of order never overwrite a later state.
   */
  const latest = new Map<string, symbol>();

  const from = (table: string) => strapi.db.getConnection(table);
  const keyOf = (uid: string, documentId: string) => `${uid}\n${documentId}`;

  /**
   * Stores a database answer. Only a view's own miss remembers "not published" (`rememberMiss`): a refresh
   * after a change must not, or a view arriving before this instance hears of the next change (a publish
   * right after a create) would be refused for the whole negative-cache time.
   */
  const remember = (
    uid: string,
    documentId: string,
    isPublished: boolean,
    rememberMiss: boolean
  ): void => {
    const key = keyOf(uid, documentId);
    let set = published.get(uid);
    if (!set) published.set(uid, (set = new Set<string>()));
    if (isPublished) {
      set.add(documentId);
      notFound.delete(key);
      return;
    }
    set.delete(documentId);
    if (!rememberMiss) return;
    const ttl = getConfig(strapi).notFoundCacheMs;
    if (ttl <= 0) return;
    notFound.delete(key);
    notFound.set(key, Date.now() + ttl);
    if (notFound.size > NOT_FOUND_CAPACITY) notFound.delete(notFound.keys().next().value as string);
  };

  /** Reads the document's rows once; stores the answer unless a newer change or look-up started meanwhile. */
  const readState = async (
    uid: string,
    documentId: string,
    rememberMiss: boolean
  ): Promise<{ exists: boolean; published: boolean }> => {
    const key = keyOf(uid, documentId);
    const token = Symbol(key);
    latest.set(key, token);
    try {
      const rows = (await strapi.db
        .query(uid as never)
        .findMany({ select: ['publishedAt'], where: { documentId } })) as Array<{
        publishedAt?: unknown;
      }>;
      const isPublished = rows.some(
        (row) => row.publishedAt !== null && row.publishedAt !== undefined
      );
      if (latest.get(key) === token) remember(uid, documentId, isPublished, rememberMiss);
      return { exists: rows.length > 0, published: isPublished };
    } finally {
      if (latest.get(key) === token) latest.delete(key);
    }
  };

  return {
    /**
     * Resolves the configured content types; throws a clear error for a uid that does not exist or two
     * types sharing a singular name (routes would be ambiguous). Called in register.
     */
    resolveTypes(): TrackedType[] {
      byName.clear();
      byUid.clear();
      for (const uid of getConfig(strapi).contentTypes) {
        const contentType = strapi.contentType(uid as never) as
          | {
              info: { singularName: string };
              collectionName: string;
              attributes: Record<string, unknown>;
            }
          | undefined;
        if (!contentType) {
          throw new Error(
            `[engagement] contentTypes lists "${uid}", which is not a content type of this app. Existing ones: ${
              Object.keys(strapi.contentTypes)
                .filter((name) => name.startsWith('api::'))
                .join(', ') || 'none'
            }.`
          );
        }
        const singularName = contentType.info.singularName;
        if (byName.has(singularName))
          throw new Error(
            `[engagement] contentTypes "${byName.get(singularName)?.uid}" and "${uid}" share the name "${singularName}"; track only one of them.`
          );
        const type: TrackedType = {
          uid,
          singularName,
          tableName: contentType.collectionName,
          documentIdColumn: 'document_id',
          publishedAtColumn: 'published_at',
          listFields: LIST_FIELDS.filter((field) => field in contentType.attributes),
        };
        byName.set(singularName, type);
        byUid.set(uid, type);
      }
      return [...byUid.values()];
    },

    /** Column names from the database metadata (available once the database is initialised). */
    refineColumns(): void {
      for (const type of byUid.values()) {
        const meta = strapi.db.metadata.get(type.uid as never);
        type.tableName = meta.tableName;
        type.documentIdColumn =
          (meta.attributes.documentId as { columnName?: string } | undefined)?.columnName ??
          'document_id';
        type.publishedAtColumn =
          (meta.attributes.publishedAt as { columnName?: string } | undefined)?.columnName ??
          'published_at';
      }
    },

    /** The tracked type routes call `name`, or undefined. */
    byName(name: string): TrackedType | undefined {
      return byName.get(name);
    },

    byUid(uid: string): TrackedType | undefined {
      return byUid.get(uid);
    },

    types(): TrackedType[] {
      return [...byUid.values()];
    },

    /** Loads every tracked type's published documentIds (one query per type) and drops remembered misses. */
    async load(): Promise<void> {
      for (const type of byUid.values()) {
        const rows = (await from(type.tableName)
          .distinct({ documentId: type.documentIdColumn })
          .whereNotNull(type.publishedAtColumn)) as Array<{ documentId: string }>;
        published.set(type.uid, new Set(rows.map((row) => row.documentId)));
      }
      notFound.clear();
    },

    /** Whether the cache knows the document has a published version: a Set lookup, no query. */
    isPublished(uid: string, documentId: string): boolean {
      return published.get(uid)?.has(documentId) ?? false;
    },

    /**
     * For a document the cache does not list as published: asks the database once (concurrent misses share
     * the query) unless a "not published" answer younger than `notFoundCacheMs` is remembered.
     */
    async checkPublished(uid: string, documentId: string): Promise<boolean> {
      if (!byUid.has(uid)) return false;
      if (this.isPublished(uid, documentId)) return true;
      const key = keyOf(uid, documentId);
      const expiresAt = notFound.get(key);
      if (expiresAt !== undefined) {
        if (expiresAt > Date.now()) return false;
        notFound.delete(key);
      }
      const pending = lookups.get(key);
      if (pending) return pending;
      const lookup: Promise<boolean> = readState(uid, documentId, true)
        .then((state) => state.published)
        .finally(() => {
          if (lookups.get(key) === lookup) lookups.delete(key);
        });
      lookups.set(key, lookup);
      return lookup;
    },

    /**
     * Forgets what the cache knows about one document, after a committed change: the next view asks the
     * database. Synchronous, so a request answered after the commit never sees the old state.
     */
    forget(uid: string, documentId: string): void {
      const key = keyOf(uid, documentId);
      published.get(uid)?.delete(documentId);
      notFound.delete(key);
      lookups.delete(key);
      // A look-up that started before the change must not store its (old) answer.
      if (latest.has(key)) latest.set(key, Symbol(key));
    },

    /** Re-reads one document's state after a committed change; returns whether any row of it still exists. */
    async refresh(
      uid: string,
      documentId: string
    ): Promise<{ exists: boolean; published: boolean }> {
      if (!byUid.has(uid)) return { exists: false, published: false };
      return readState(uid, documentId, false);
    },

    /** Whether any row (draft or published, any locale) of the document exists. */
    async exists(uid: string, documentId: string): Promise<boolean> {
      if (!byUid.has(uid)) return false;
      return (await strapi.db.query(uid as never).count({ where: { documentId } })) > 0;
    },

    /** The published version's fields (for the share redirect and popular lists) in `locale` (default: the default locale), or null. */
    async findPublished(
      uid: string,
      documentId: string,
      fields: readonly string[],
      locale?: string
    ): Promise<Record<string, unknown> | null> {
      const doc = await strapi.documents(uid as never).findOne({
        documentId,
        status: 'published',
        fields: [...fields] as never,
        ...(locale ? { locale } : {}),
      });
      return (doc as Record<string, unknown> | null) ?? null;
    },

    /** The list fields of several published documents in `locale` (default: the default locale), by documentId. */
    async listEntries(
      uid: string,
      documentIds: readonly string[],
      locale?: string
    ): Promise<Map<string, Record<string, unknown>>> {
      const type = byUid.get(uid);
      const result = new Map<string, Record<string, unknown>>();
      if (!type || documentIds.length === 0) return result;
      const docs = (await strapi.documents(uid as never).findMany({
        filters: { documentId: { $in: [...documentIds] } } as never,
        status: 'published',
        ...(locale ? { locale } : {}),
        fields: type.listFields as never,
        limit: documentIds.length,
      })) as Array<Record<string, unknown> & { documentId: string }>;
      for (const doc of docs) if (!result.has(doc.documentId)) result.set(doc.documentId, doc);
      return result;
    },
  };
};

export type PublishedCacheService = ReturnType<typeof publishedCache>;
export default publishedCache;
