import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type {
  CommentOrder,
  PublicComment,
  RepliesPage,
  ThreadEntry,
  ThreadPage,
} from '../../../shared/contracts';
import { COMMENT_UID, COUNT_UID } from '../content-types';
import { decodeCursor, encodeCursor, type Cursor } from '../lib/cursor';
import { renderHtml } from '../lib/text';
import { tableOf } from './counts';
import type { Subject } from './subjects';
import { getConfig, getService } from '../utils';

type Row = Record<string, unknown>;

const iso = (value: unknown): string | null =>
  value === null || value === undefined
    ? null
    : new Date(value as string | number | Date).toISOString();

/**
 * The public read path. A page of a document's thread takes three SQL statements whatever its size: the
 * published check, the page of top-level comments with the stored count, and the first replies of every
 * thread on the page (a window function). Only approved comments (and placeholders of removed ones that
 * have replies) are read; nothing private is selected.
 */
const createThreadsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const comments = () => tableOf(strapi, COMMENT_UID);

  /** The public columns, aliased to their attribute names. */
  const publicColumns = (alias: string): Record<string, string> => {
    const { column } = comments();
    const names = [
      'id',
      'parentId',
      'rootId',
      'depth',
      'replyToName',
      'authorName',
      'authorUserId',
      'text',
      'status',
      'createdAt',
      'editedAt',
      'replyCount',
    ];
    return Object.fromEntries(
      names.map((name) => [name, `${alias}.${name === 'id' ? 'id' : column(name)}`])
    );
  };

  const toPublic = (row: Row): PublicComment => {
    const removed = row.status === 'removed';
    return {
      id: Number(row.id),
      parentId: row.parentId === null || row.parentId === undefined ? null : Number(row.parentId),
      rootId: row.rootId === null || row.rootId === undefined ? null : Number(row.rootId),
      depth: Number(row.depth ?? 0),
      replyTo: (row.replyToName as string | null) ?? null,
      author: removed
        ? { name: '', signedIn: false }
        : {
            name: String(row.authorName),
            signedIn: row.authorUserId !== null && row.authorUserId !== undefined,
          },
      text: removed ? '' : String(row.text),
      html: removed ? '' : renderHtml(String(row.text)),
      createdAt: iso(row.createdAt) as string,
      editedAt: iso(row.editedAt),
      replyCount: Number(row.replyCount ?? 0),
      removed,
    };
  };

  /** Approved replies of `rootIds`, oldest first, at most `limit + 1` per thread (the extra one says "more"). */
  const firstReplies = async (
    rootIds: number[],
    limit: number
  ): Promise<Map<number, PublicComment[]>> => {
    const byRoot = new Map<number, PublicComment[]>(rootIds.map((id) => [id, []]));
    if (rootIds.length === 0 || limit === 0) return byRoot;
    const { table, column } = comments();
    const knex = strapi.db.connection;
    const ranked = knex(`${table} as c`)
      .select(publicColumns('c'))
      .select(
        knex.raw('row_number() over (partition by ?? order by ??) as rn', [
          `c.${column('rootId')}`,
          'c.id',
        ])
      )
      .whereIn(`c.${column('rootId')}`, rootIds)
      .andWhere(`c.${column('status')}`, 'approved')
      .as('t');
    const rows = (await knex
      .select('*')
      .from(ranked)
      .where('rn', '<=', limit + 1)
      .orderBy([{ column: 'rootId' }, { column: 'id' }])) as Row[];
    for (const row of rows) byRoot.get(Number(row.rootId))?.push(toPublic(row));
    return byRoot;
  };

  return {
    /** A page of `subject`'s top-level comments in `order` after `cursorText`, with their first replies and the approved count. */
    async page(
      subject: Subject,
      options: { order: CommentOrder; cursor?: string; pageSize: number }
    ): Promise<ThreadPage> {
      const cursor = options.cursor ? decodeCursor(options.cursor, options.order) : null;
      if (options.cursor && !cursor)
        throw new errors.ValidationError(`"cursor" is not a cursor of a ${options.order} page`);
      const c = comments();
      const k = tableOf(strapi, COUNT_UID);
      const knex = strapi.db.connection;
      const col = (name: string) => `c.${c.column(name)}`;
      // Driven by the document's count row, so the count and the page come in one statement (no row: no comments).
      const query = knex(`${k.table} as k`)
        .leftJoin(`${c.table} as c`, function joinApproved() {
          this.on(col('subjectType'), `k.${k.column('subjectType')}`)
            .andOn(col('subjectId'), `k.${k.column('subjectId')}`)
            .andOn(col('subjectLocale'), `k.${k.column('subjectLocale')}`)
            .andOnNull(col('rootId'))
            // A removed top-level comment others replied to stays as a placeholder.
            .andOn(function visible() {
              this.onVal(col('status'), '=', 'approved').orOn(function placeholder() {
                this.onVal(col('status'), '=', 'removed').andOnVal(col('replyCount'), '>', 0);
              });
            });
          if (cursor && options.order === 'oldest') this.andOnVal('c.id', '>', cursor.id);
          if (cursor && options.order === 'newest') this.andOnVal('c.id', '<', cursor.id);
          if (cursor && options.order === 'top') {
            const [score] = cursor.values;
            this.andOn(function afterCursor() {
              this.onVal(col('replyCount'), '<', score).orOn(function sameScore() {
                this.onVal(col('replyCount'), '=', score).andOnVal('c.id', '<', cursor.id);
              });
            });
          }
        })
        .select({ total: `k.${k.column('approved')}` })
        .select(publicColumns('c'))
        .where(`k.${k.column('subjectType')}`, subject.uid)
        .andWhere(`k.${k.column('subjectId')}`, subject.documentId)
        .andWhere(`k.${k.column('subjectLocale')}`, subject.locale)
        .limit(options.pageSize + 1);
      if (options.order === 'top')
        query.orderBy([
          { column: col('replyCount'), order: 'desc' },
          { column: 'c.id', order: 'desc' },
        ]);
      else query.orderBy('c.id', options.order === 'oldest' ? 'asc' : 'desc');
      const found = (await query) as Row[];
      const total = Number(found[0]?.total ?? 0);
      // A document whose count row exists but has no (more) top-level comments comes back as one empty row.
      const rows = found.filter((row) => row.id !== null && row.id !== undefined);
      const shown = rows.slice(0, options.pageSize);
      const last = shown[shown.length - 1];
      const nextCursor =
        rows.length > options.pageSize && last
          ? encodeCursor({
              order: options.order,
              values: options.order === 'top' ? [Number(last.replyCount)] : [],
              id: Number(last.id),
            })
          : null;
      const repliesShown = getConfig(strapi).pageSize.replies;
      const replies = await firstReplies(
        shown.map((row) => Number(row.id)),
        repliesShown
      );
      const data: ThreadEntry[] = shown.map((row) => {
        const entry = toPublic(row);
        const thread = replies.get(entry.id) ?? [];
        const visible = thread.slice(0, repliesShown);
        const lastReply = visible[visible.length - 1];
        return {
          ...entry,
          replies: visible,
          moreReplies:
            thread.length > repliesShown
              ? encodeCursor({
                  order: 'oldest',
                  values: [],
                  id: lastReply ? lastReply.id : entry.id,
                })
              : null,
        };
      });
      return {
        data,
        meta: {
          count: total,
          order: options.order,
          nextCursor,
          closed: getService(strapi, 'subjects').isClosed(subject),
        },
      };
    },

    /** The approved replies of thread `rootId` after `cursorText`, oldest first (root check, subject check, replies: three statements). */
    async replies(
      rootId: number,
      options: { cursor?: string; pageSize: number }
    ): Promise<RepliesPage & { subject: Subject }> {
      const cursor = options.cursor ? decodeCursor(options.cursor, 'oldest') : null;
      if (options.cursor && !cursor)
        throw new errors.ValidationError('"cursor" is not a replies cursor');
      const root = (await strapi.db.query(COMMENT_UID as never).findOne({
        select: ['id', 'subjectType', 'subjectId', 'subjectLocale'],
        where: { id: rootId, rootId: { $null: true }, status: { $in: ['approved', 'removed'] } },
      })) as { subjectType: string; subjectId: string; subjectLocale: string } | null;
      if (!root) throw new errors.NotFoundError(`No comment ${rootId}`);
      const subject = await getService(strapi, 'subjects').find(
        root.subjectType,
        root.subjectId,
        root.subjectLocale || undefined
      );
      const { table, column } = comments();
      const rows = (await strapi.db
        .connection(`${table} as c`)
        .select(publicColumns('c'))
        .where(`c.${column('rootId')}`, rootId)
        .andWhere(`c.${column('status')}`, 'approved')
        .andWhere('c.id', '>', cursor?.id ?? 0)
        .orderBy('c.id', 'asc')
        .limit(options.pageSize + 1)) as Row[];
      const shown = rows.slice(0, options.pageSize).map(toPublic);
      const last = shown[shown.length - 1];
      return {
        subject,
        data: shown,
        meta: {
          nextCursor:
            rows.length > options.pageSize && last
              ? encodeCursor({ order: 'oldest', values: [], id: last.id })
              : null,
        },
      };
    },
  };
};

export type ThreadsService = ReturnType<typeof createThreadsService>;
export default createThreadsService;
