import type { Core } from '@strapi/strapi';
import { COMMENT_UID, COUNT_UID } from '../content-types';
import type { Subject } from './subjects';

type Knex = Core.Strapi['db']['connection'];

/** Table and column names of a plugin type, from Strapi's metadata (snake_case, any prefix the app sets). */
export function tableOf(strapi: Core.Strapi, uid: string): { table: string; column: (attribute: string) => string } {
  const meta = strapi.db.metadata.get(uid as never) as unknown as { tableName: string; attributes: Record<string, { columnName?: string }> };
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
  return {
    /** Recounts `subject` with `trx` (the caller's transaction) and stores the figure; returns it. */
    async recount(trx: Knex, subject: Pick<Subject, 'uid' | 'documentId' | 'locale'>): Promise<number> {
      const c = tableOf(strapi, COMMENT_UID);
      const k = tableOf(strapi, COUNT_UID);
      const row = (await trx(`${c.table} as c`)
        .leftJoin(`${c.table} as r`, `r.id`, `c.${c.column('rootId')}`)
        .where(`c.${c.column('subjectType')}`, subject.uid)
        .andWhere(`c.${c.column('subjectId')}`, subject.documentId)
        .andWhere(`c.${c.column('subjectLocale')}`, subject.locale)
        .andWhere(`c.${c.column('status')}`, 'approved')
        .andWhere((scope) => scope.whereNull(`c.${c.column('rootId')}`).orWhereIn(`r.${c.column('status')}`, ['approved', 'removed']))
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
      return approved;
    },

    /** The approved counts of `documentIds` of one type in one locale (0 for documents without comments), in one query. */
    async of(uid: string, documentIds: readonly string[], locale: string): Promise<Map<string, number>> {
      const result = new Map(documentIds.map((id) => [id, 0]));
      if (documentIds.length === 0) return result;
      const k = tableOf(strapi, COUNT_UID);
      const rows = (await strapi.db
        .connection(k.table)
        .select({ documentId: k.column('subjectId'), approved: k.column('approved') })
        .where(k.column('subjectType'), uid)
        .andWhere(k.column('subjectLocale'), locale)
        .whereIn(k.column('subjectId'), [...documentIds])) as Array<{ documentId: string; approved: number | string }>;
      for (const row of rows) result.set(row.documentId, Number(row.approved));
      return result;
    },
  };
};

export type CountsService = ReturnType<typeof createCountsService>;
export default createCountsService;
