import type { Core } from '@strapi/strapi';
import { COMMENT_UID, COUNT_UID } from '../content-types';
import { countKey } from '../lib/comments-field';
import type { Subject } from './subjects';

type Knex = Core.Strapi['db']['connection'];

/** The transaction a recount runs in, as `strapi.db.transaction`'s callback receives it. */
export interface Transaction {
  trx: Knex;
  onCommit: (callback: () => void | Promise<void>) => void;
}

/** Emitted on `strapi.eventHub` after a commit changed what readers see of a document's comments (its count, its thread). */
export const COMMENTS_CHANGED_EVENT = 'reader-comments.changed';

/** What a recount needs of a changed comment. */
export interface AffectedComment {
  subjectType: string;
  subjectId: string;
  subjectLocale: string;
  rootId: number | null;
}

/** The payload of {@link COMMENTS_CHANGED_EVENT}. */
export interface CommentsChanged {
  uid: string;
  documentId: string;
  /** The locale whose count changed; '' for a type that is not localized, or a setting of every locale (its mode). */
  locale: string;
}

/** Table and column names of a plugin type, from Strapi's metadata (snake_case, any prefix the app sets). */
export function tableOf(
  strapi: Core.Strapi,
  uid: string
): { table: string; column: (attribute: string) => string } {
  const meta = strapi.db.metadata.get(uid as never) as unknown as {
    tableName: string;
    attributes: Record<string, { columnName?: string }>;
  };
  return {
    table: meta.tableName,
    column: (attribute) => {
      const name = meta.attributes[attribute]?.columnName;
      if (!name) throw new Error(`${uid} has no column for "${attribute}"`);
      return name;
    },
  };
}

/**
 * The approved-comment count of each document and locale. It is recounted (never incremented, so it
 * cannot drift) inside the transaction of every change that can alter it, and read in one query for any
 * number of documents. A comment counts when it is approved and its thread is shown: its top-level
 * comment is approved, or removed by its author and kept as a placeholder (not rejected or spam).
 */
const createCountsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const service = {
    /**
     * Recounts `subject` in the caller's transaction and stores the figure; once the transaction commits,
     * announces the change ({@link COMMENTS_CHANGED_EVENT}: response caches drop what showed the old
     * figure). Returns the figure.
     */
    async recount(
      { trx, onCommit }: Transaction,
      subject: Pick<Subject, 'uid' | 'documentId' | 'locale'>
    ): Promise<number> {
      const c = tableOf(strapi, COMMENT_UID);
      const k = tableOf(strapi, COUNT_UID);
      const row = (await trx(`${c.table} as c`)
        .leftJoin(`${c.table} as r`, `r.id`, `c.${c.column('rootId')}`)
        .where(`c.${c.column('subjectType')}`, subject.uid)
        .andWhere(`c.${c.column('subjectId')}`, subject.documentId)
        .andWhere(`c.${c.column('subjectLocale')}`, subject.locale)
        .andWhere(`c.${c.column('status')}`, 'approved')
        .andWhere((scope) =>
          scope
            .whereNull(`c.${c.column('rootId')}`)
            .orWhereIn(`r.${c.column('status')}`, ['approved', 'removed'])
        )
        .count({ n: '*' })
        .first()) as { n: number | string } | undefined;
      const approved = Number(row?.n ?? 0);
      const now = new Date();
      await trx(k.table)
        .insert({
          [k.column('subjectType')]: subject.uid,
          [k.column('subjectId')]: subject.documentId,
          [k.column('subjectLocale')]: subject.locale,
          [k.column('approved')]: approved,
          [k.column('createdAt')]: now,
          [k.column('updatedAt')]: now,
        })
        .onConflict([k.column('subjectType'), k.column('subjectId'), k.column('subjectLocale')])
        .merge([k.column('approved'), k.column('updatedAt')]);
      const changed: CommentsChanged = {
        uid: subject.uid,
        documentId: subject.documentId,
        locale: subject.locale,
      };
      onCommit(() =>
        strapi.eventHub.emit(COMMENTS_CHANGED_EVENT, changed).catch((error: unknown) => {
          strapi.log.warn(
            `[reader-comments] a listener of ${COMMENTS_CHANGED_EVENT} failed for ${subject.documentId}: ${error instanceof Error ? error.message : String(error)}`
          );
        })
      );
      return approved;
    },

    /** The approved counts of `documentIds` of one type in one locale (0 for documents without comments), in one query. */
    async of(
      uid: string,
      documentIds: readonly string[],
      locale: string
    ): Promise<Map<string, number>> {
      const found = await service.ofEntries(
        uid,
        documentIds.map((documentId) => ({ documentId, locale }))
      );
      return new Map(documentIds.map((id) => [id, found.get(countKey(id, locale)) ?? 0]));
    },

    /** Stores the approved replies of thread `rootId` on its top-level comment (the `top` order's score). */
    async recountReplies(rootId: number): Promise<void> {
      const comments = strapi.db.query(COMMENT_UID as never);
      const replies = (await comments.count({ where: { rootId, status: 'approved' } })) as number;
      await comments.update({ where: { id: rootId }, data: { replyCount: replies } });
    },

    /**
     * Recounts what a change of `rows` can alter, in the caller's transaction: each thread's replies and
     * each document's approved count (each once).
     */
    async recountAffected(tx: Transaction, rows: ReadonlyArray<AffectedComment>): Promise<void> {
      const roots = new Set(
        rows.flatMap((row) => (row.rootId === null || row.rootId === undefined ? [] : [row.rootId]))
      );
      for (const rootId of roots) await service.recountReplies(rootId);
      const subjects = new Map(
        rows.map((row) => [`${row.subjectType}|${countKey(row.subjectId, row.subjectLocale)}`, row])
      );
      for (const row of subjects.values()) {
        await service.recount(tx, {
          uid: row.subjectType,
          documentId: row.subjectId,
          locale: row.subjectLocale,
        });
      }
    },

    /**
     * Recounts every document that has comments or a stored count, and every thread's replies, each
     * document in its own transaction (so a large site is not locked at once). For a count written by
     * something else than the plugin (an import, a restored backup). Returns how many documents were
     * checked and how many figures changed.
     */
    async reconcile(): Promise<{
      documents: number;
      changed: number;
      /** The figures that changed: which document and locale, the stored count before and the recount. */
      fixed: Array<{
        uid: string;
        documentId: string;
        locale: string;
        before: number;
        after: number;
      }>;
    }> {
      const c = tableOf(strapi, COMMENT_UID);
      const k = tableOf(strapi, COUNT_UID);
      const knex = strapi.db.connection;
      const keyColumns = (table: ReturnType<typeof tableOf>) => ({
        uid: table.column('subjectType'),
        documentId: table.column('subjectId'),
        locale: table.column('subjectLocale'),
      });
      const fromComments = (await knex(c.table).distinct(keyColumns(c))) as Array<{
        uid: string;
        documentId: string;
        locale: string;
      }>;
      const stored = (await knex(k.table).select({
        ...keyColumns(k),
        approved: k.column('approved'),
      })) as Array<{
        uid: string;
        documentId: string;
        locale: string;
        approved: number | string;
      }>;
      const before = new Map(
        stored.map((row) => [
          `${row.uid}|${countKey(row.documentId, row.locale)}`,
          Number(row.approved),
        ])
      );
      const subjects = new Map(
        [...fromComments, ...stored].map((row) => [
          `${row.uid}|${countKey(row.documentId, row.locale)}`,
          row,
        ])
      );
      const fixed: Array<{
        uid: string;
        documentId: string;
        locale: string;
        before: number;
        after: number;
      }> = [];
      for (const [key, subject] of subjects) {
        const approved = await strapi.db.transaction(async (tx) => {
          const roots = (await knex(c.table)
            .transacting(tx.trx)
            .distinct({ rootId: c.column('rootId') })
            .where(c.column('subjectType'), subject.uid)
            .andWhere(c.column('subjectId'), subject.documentId)
            .andWhere(c.column('subjectLocale'), subject.locale)
            .whereNotNull(c.column('rootId'))) as Array<{ rootId: number }>;
          for (const { rootId } of roots) await service.recountReplies(rootId);
          return service.recount(tx, {
            uid: subject.uid,
            documentId: subject.documentId,
            locale: subject.locale,
          });
        });
        if (before.get(key) !== approved)
          fixed.push({
            uid: subject.uid,
            documentId: subject.documentId,
            locale: subject.locale,
            before: before.get(key) ?? 0,
            after: approved,
          });
      }
      return { documents: subjects.size, changed: fixed.length, fixed };
    },

    /** The approved counts of documents in their locales (keyed by {@link countKey}; absent: 0), in one query. */
    async ofEntries(
      uid: string,
      entries: ReadonlyArray<{ documentId: string; locale: string }>
    ): Promise<Map<string, number>> {
      const result = new Map<string, number>();
      if (entries.length === 0) return result;
      const k = tableOf(strapi, COUNT_UID);
      const wanted = new Set(entries.map((entry) => countKey(entry.documentId, entry.locale)));
      const rows = (await strapi.db
        .connection(k.table)
        .select({
          documentId: k.column('subjectId'),
          locale: k.column('subjectLocale'),
          approved: k.column('approved'),
        })
        .where(k.column('subjectType'), uid)
        .whereIn(k.column('subjectId'), [...new Set(entries.map((entry) => entry.documentId))])
        .whereIn(k.column('subjectLocale'), [
          ...new Set(entries.map((entry) => entry.locale)),
        ])) as Array<{ documentId: string; locale: string; approved: number | string }>;
      for (const row of rows) {
        const key = countKey(row.documentId, row.locale);
        if (wanted.has(key)) result.set(key, Number(row.approved));
      }
      return result;
    },
  };
  return service;
};

export type CountsService = ReturnType<typeof createCountsService>;
export default createCountsService;
