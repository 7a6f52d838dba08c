import type { Core } from '@strapi/strapi';
import {
  COMMENTS_CHANGED_EVENT,
  type CommentsChanged,
} from 'strapi-plugin-reader-comments/strapi-server';
import { contentTypes } from '@strapi/utils';
import {
  EVERYTHING,
  invalidatesEverything,
  isPublicRow,
  writeTags,
  type PublicRow,
  type RelatedDocument,
} from './invalidation';
import { documentTag } from './dependencies';
import { showsInResponses } from './rules';
import { afterCommit } from '../utils/after-commit';

const FILE = 'plugin::upload.file';

/** What the cache does with the tags of a committed write. */
export interface Invalidator {
  invalidate(tags: readonly string[]): void;
}

/** A database lifecycle event, as far as this module reads it. */
interface WriteEvent {
  action: string;
  model: { uid: string };
  params?: { where?: Record<string, unknown>; filters?: unknown; _q?: unknown };
  result?: unknown;
  state: { responseCache?: BeforeWrite };
}

/** What a before-hook read: the rows the write is about to touch (all of them) and those of them the public sees. */
interface BeforeWrite {
  ids: number[];
  publicRows: PublicRow[];
  /** The rows could not be read: the write invalidates everything. */
  unknown?: boolean;
}

type AttributeLike = { type?: string; relation?: string; target?: string };
type Row = Record<string, unknown> & { id: number; documentId?: string; publishedAt?: unknown };

/**
 * Reads the rows a write touches and what they are related to, inside the write's transaction (the
 * database's transaction context makes these queries part of it).
 */
function rowReader(strapi: Core.Strapi) {
  const populates = new Map<
    string,
    { populate: Record<string, unknown>; targets: Map<string, string | null> }
  >();

  /** The relations and media fields of `uid` whose targets can show in responses (not admin users, not `localizations`). */
  const relationsOf = (uid: string) => {
    const known = populates.get(uid);
    if (known) return known;
    const attributes =
      (strapi.getModel(uid as never) as { attributes?: Record<string, AttributeLike> } | undefined)
        ?.attributes ?? {};
    const populate: Record<string, unknown> = {};
    const targets = new Map<string, string | null>();
    for (const [name, attribute] of Object.entries(attributes)) {
      if (name === 'localizations') continue;
      if (attribute.type === 'media') {
        populate[name] = { select: ['id', 'documentId'] };
        targets.set(name, FILE);
      } else if (attribute.type === 'relation' && attribute.relation?.startsWith('morph')) {
        // Morph targets differ per row (`__type`); upload files' `related` is one.
        populate[name] = true;
        targets.set(name, null);
      } else if (
        attribute.type === 'relation' &&
        attribute.target &&
        showsInResponses(attribute.target)
      ) {
        populate[name] = { select: ['id', 'documentId'] };
        targets.set(name, attribute.target);
      }
    }
    const built = { populate, targets };
    populates.set(uid, built);
    return built;
  };

  const relatedOf = (uid: string, row: Row): RelatedDocument[] => {
    const related: RelatedDocument[] = [];
    for (const [name, target] of relationsOf(uid).targets) {
      const value = row[name];
      for (const item of (Array.isArray(value) ? value : value ? [value] : []) as Array<
        Record<string, unknown>
      >) {
        const itemUid = target ?? (typeof item.__type === 'string' ? item.__type : null);
        // Components (morph targets without a documentId) show only inside their owner, which has its own tag.
        if (itemUid && typeof item.documentId === 'string')
          related.push({ uid: itemUid, documentId: item.documentId });
      }
    }
    return related;
  };

  return {
    /**
     * The rows `where` matches (ids of all of them) and, for those the public sees, their documentId,
     * relations and (files) URL. Draft rows cost one small query and nothing more.
     */
    async read(uid: string, where: Record<string, unknown>): Promise<BeforeWrite> {
      const query = strapi.db.query(uid as never);
      const draftAndPublish = contentTypes.hasDraftAndPublish(
        strapi.getModel(uid as never) as never
      );
      let ids: number[] | undefined;
      let publicWhere = where;
      if (draftAndPublish) {
        const identities = (await query.findMany({
          where,
          select: ['id', 'publishedAt'],
        })) as Row[];
        ids = identities.map((row) => row.id);
        const visible = identities.filter((row) => isPublicRow(true, row)).map((row) => row.id);
        if (visible.length === 0) return { ids, publicRows: [] };
        publicWhere = { id: { $in: visible } };
      }
      const select = uid === FILE ? ['id', 'documentId', 'url'] : ['id', 'documentId'];
      const rows = (await query.findMany({
        where: publicWhere,
        select,
        populate: relationsOf(uid).populate,
      })) as Row[];
      return {
        ids: ids ?? rows.map((row) => row.id),
        publicRows: rows
          .filter((row) => typeof row.documentId === 'string')
          .map((row) => ({
            documentId: row.documentId as string,
            related: relatedOf(uid, row),
            ...(uid === FILE
              ? { media: { id: row.id, url: typeof row.url === 'string' ? row.url : null } }
              : {}),
          })),
      };
    },
  };
}

/** The ids of the rows a create/update/createMany result names, or null when it names none. */
function resultIds(action: string, result: unknown): number[] | null {
  if (action === 'afterCreateMany') {
    const ids = (result as { ids?: unknown[] } | null)?.ids;
    return Array.isArray(ids) && ids.every((id) => typeof id === 'number')
      ? (ids as number[])
      : null;
  }
  const id = (result as { id?: unknown } | null)?.id;
  return typeof id === 'number' ? [id] : null;
}

/**
 * The `where` that selects the rows a write touches, or null when it cannot be told. update, delete and
 * updateMany select by `where` alone (their `filters` only shape the returned row); deleteMany also by
 * `filters` and `_q`, which are not read here.
 */
function selectingWhere(
  action: string,
  params: WriteEvent['params']
): Record<string, unknown> | null {
  if (!params?.where || Object.keys(params.where).length === 0) return null;
  if (action === 'beforeDeleteMany' && (!isEmpty(params.filters) || !isEmpty(params._q)))
    return null;
  return params.where;
}

const isEmpty = (value: unknown): boolean =>
  value === undefined ||
  value === null ||
  value === '' ||
  (typeof value === 'object' && Object.keys(value as object).length === 0);

/**
 * Invalidates what each committed write touches (see {@link writeTags}). Why database lifecycles rather
 * than a Document Service middleware: they also see writes that bypass the Document Service (the upload
 * plugin's file updates) and show every row a publish, unpublish or discard deletes and creates, with
 * `publishedAt`, so draft rows are told apart. In Strapi 5.54 a publish deletes the old published rows
 * (beforeDelete/afterDelete) and creates new ones (afterCreate, relations already attached), after
 * stamping the draft (afterUpdate of a draft row); an unpublish deletes the published rows; a discard
 * deletes and recreates draft rows only; a draft save updates the draft row. Relation join tables are
 * written inside these operations (no event of their own), so each public row's relations are read
 * before the write (beforeUpdate/beforeDelete) and after it (afterCreate/afterUpdate). Components are
 * written only with their owner, whose event covers them. A row that cannot be read invalidates
 * everything, logged.
 */
export function watchWrites(strapi: Core.Strapi, cache: Invalidator): void {
  const rows = rowReader(strapi);
  const invalidate = async (tags: readonly string[]) => {
    if (tags.length > 0) await afterCommit(strapi, () => cache.invalidate(tags));
  };
  const readOrEverything = async (
    uid: string,
    where: Record<string, unknown>,
    action: string
  ): Promise<BeforeWrite> => {
    try {
      return await rows.read(uid, where);
    } catch (error) {
      strapi.log.warn(
        `[response-cache] Could not read the rows of a ${action} on ${uid}; invalidating every cached response: ${(error as Error).message}`
      );
      return { ids: [], publicRows: [], unknown: true };
    }
  };

  // Comment counts that responses of commented types show (strapi-plugin-reader-comments) change without
  // a write to the document: the plugin announces them after its commit.
  strapi.eventHub.on(COMMENTS_CHANGED_EVENT, async (changed: CommentsChanged) =>
    cache.invalidate([documentTag(changed.documentId)])
  );

  strapi.db.lifecycles.subscribe(async (raw) => {
    const event = raw as unknown as WriteEvent;
    const uid = event.model.uid;
    // Components (no `::`) are written only together with their owner entry.
    if (!showsInResponses(uid) || !uid.includes('::')) return;
    const { action } = event;
    if (invalidatesEverything(uid)) {
      if (action.startsWith('after') && !action.startsWith('afterFind') && action !== 'afterCount')
        await invalidate(EVERYTHING);
      return;
    }
    switch (action) {
      case 'beforeUpdate':
      case 'beforeDelete':
      case 'beforeUpdateMany':
      case 'beforeDeleteMany': {
        const where = selectingWhere(action, event.params);
        event.state.responseCache = where
          ? await readOrEverything(uid, where, action)
          : { ids: [], publicRows: [], unknown: true };
        return;
      }
      case 'afterCreate':
      case 'afterUpdate':
      case 'afterCreateMany':
      case 'afterUpdateMany':
      case 'afterDelete':
      case 'afterDeleteMany': {
        const before = event.state.responseCache;
        // Every update and delete passed its before-hook; without what it read, nothing can be told.
        if (
          before?.unknown ||
          (!before && action !== 'afterCreate' && action !== 'afterCreateMany')
        )
          return invalidate(EVERYTHING);
        let after: BeforeWrite = { ids: [], publicRows: [] };
        if (action === 'afterUpdateMany') {
          if (before && before.ids.length > 0)
            after = await readOrEverything(uid, { id: { $in: before.ids } }, action);
        } else if (
          action === 'afterCreate' ||
          action === 'afterUpdate' ||
          action === 'afterCreateMany'
        ) {
          const result = event.result as { publishedAt?: unknown } | null;
          const draftAndPublish = contentTypes.hasDraftAndPublish(
            strapi.getModel(uid as never) as never
          );
          // The common case of an editor's save: a draft row, nothing public changed by it.
          const draftRow =
            action !== 'afterCreateMany' &&
            draftAndPublish &&
            result !== null &&
            typeof result === 'object' &&
            'publishedAt' in result &&
            result.publishedAt === null;
          if (!draftRow) {
            const ids = resultIds(action, event.result);
            if (ids === null) return invalidate(EVERYTHING);
            if (ids.length > 0) after = await readOrEverything(uid, { id: { $in: ids } }, action);
          }
        }
        if (after.unknown) return invalidate(EVERYTHING);
        return invalidate(writeTags(uid, [...(before?.publicRows ?? []), ...after.publicRows]));
      }
      default:
        return;
    }
  });
}
