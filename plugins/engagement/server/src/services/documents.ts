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

/**
 * The tracked content types and, per type, the documentIds that have a published version. The hot path
 * (POST view) asks this cache instead of the database; the cache is loaded at startup and kept current by
 * the Document Service middleware (register.ts), and across instances by Redis messages (counter service).
 */
const documents = ({ strapi }: { strapi: Core.Strapi }) => {
  const byName = new Map<string, TrackedType>();
  const byUid = new Map<string, TrackedType>();
  const published = new Map<string, Set<string>>();

  const from = (table: string) => strapi.db.getConnection(table);

  return {
    /**
     * Resolves the configured content types; throws a clear error for a uid that does not exist or two
     * types sharing a singular name (routes would be ambiguous). Called in register.
     */
    resolveTypes(): TrackedType[] {
      byName.clear();
      byUid.clear();
      for (const uid of getConfig(strapi).contentTypes) {
        const contentType = strapi.contentType(uid as never) as { info: { singularName: string }; collectionName: string; attributes: Record<string, unknown> } | undefined;
        if (!contentType) {
          throw new Error(`[engagement] contentTypes lists "${uid}", which is not a content type of this app. Existing ones: ${Object.keys(strapi.contentTypes).filter((name) => name.startsWith('api::')).join(', ') || 'none'}.`);
        }
        const singularName = contentType.info.singularName;
        if (byName.has(singularName)) throw new Error(`[engagement] contentTypes "${byName.get(singularName)?.uid}" and "${uid}" share the name "${singularName}"; track only one of them.`);
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
        type.documentIdColumn = (meta.attributes.documentId as { columnName?: string } | undefined)?.columnName ?? 'document_id';
        type.publishedAtColumn = (meta.attributes.publishedAt as { columnName?: string } | undefined)?.columnName ?? 'published_at';
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

    /** Loads every tracked type's published documentIds (one query per type). */
    async load(): Promise<void> {
      for (const type of byUid.values()) {
        const rows = (await from(type.tableName).distinct({ documentId: type.documentIdColumn }).whereNotNull(type.publishedAtColumn)) as Array<{ documentId: string }>;
        published.set(type.uid, new Set(rows.map((row) => row.documentId)));
      }
    },

    /** Whether the document has a published version: a Set lookup, no query. */
    isPublished(uid: string, documentId: string): boolean {
      return published.get(uid)?.has(documentId) ?? false;
    },

    /**
     * Re-reads one document's state after a change; returns whether any row of it still exists. Goes
     * through Strapi's query layer so that, called inside a transaction (the admin's bulk actions wrap
     * document actions in one), it uses that transaction's connection instead of waiting for another.
     */
    async refresh(uid: string, documentId: string): Promise<{ exists: boolean; published: boolean }> {
      if (!byUid.has(uid)) return { exists: false, published: false };
      const rows = (await strapi.db.query(uid as never).findMany({ select: ['publishedAt'], where: { documentId } })) as Array<{ publishedAt?: unknown }>;
      const isPublished = rows.some((row) => row.publishedAt !== null && row.publishedAt !== undefined);
      const set = published.get(uid) ?? new Set<string>();
      published.set(uid, set);
      if (isPublished) set.add(documentId);
      else set.delete(documentId);
      return { exists: rows.length > 0, published: isPublished };
    },

    /** Whether any row (draft or published, any locale) of the document exists. */
    async exists(uid: string, documentId: string): Promise<boolean> {
      if (!byUid.has(uid)) return false;
      return (await strapi.db.query(uid as never).count({ where: { documentId } })) > 0;
    },

    /** The published version's fields (for the share redirect and popular lists), or null. */
    async findPublished(uid: string, documentId: string, fields: readonly string[]): Promise<Record<string, unknown> | null> {
      const doc = await strapi.documents(uid as never).findOne({ documentId, status: 'published', fields: [...fields] as never });
      return (doc as Record<string, unknown> | null) ?? null;
    },

    /** The list fields of several published documents, by documentId. */
    async listEntries(uid: string, documentIds: readonly string[]): Promise<Map<string, Record<string, unknown>>> {
      const type = byUid.get(uid);
      const result = new Map<string, Record<string, unknown>>();
      if (!type || documentIds.length === 0) return result;
      const docs = (await strapi.documents(uid as never).findMany({
        filters: { documentId: { $in: [...documentIds] } } as never,
        status: 'published',
        fields: type.listFields as never,
        limit: documentIds.length,
      })) as Array<Record<string, unknown> & { documentId: string }>;
      for (const doc of docs) if (!result.has(doc.documentId)) result.set(doc.documentId, doc);
      return result;
    },
  };
};

export type DocumentsService = ReturnType<typeof documents>;
export default documents;
