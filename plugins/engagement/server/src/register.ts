import type { Core } from '@strapi/strapi';
import { registerGraphql } from './graphql';
import { fieldBelongsTo } from './lib/buffer-keys';
import { topLevelDocumentIds, withEngagement } from './lib/engagement-field';
import { getConfig, getService } from './utils';

/** Document Service actions after which a document's published state may have changed. */
const STATE_ACTIONS = new Set([
  'create',
  'update',
  'publish',
  'unpublish',
  'discardDraft',
  'delete',
  'clone',
]);

/**
 * Runs `work` once the current database transaction has committed, or now when there is none. The Content
 * Manager wraps publish, bulk publish, unpublish and discard in one transaction around the Document
 * Service; anything that reads from another connection before its commit (this instance's cache, another
 * instance told over Redis) would see the old state. Strapi runs commit callbacks without awaiting them,
 * so `work` handles its own errors.
 */
async function afterCommit(strapi: Core.Strapi, work: () => Promise<void>): Promise<void> {
  if (!strapi.db.inTransaction()) return work();
  await strapi.db.transaction(({ onCommit }) => {
    onCommit(() => void work());
  });
}

/**
 * After a committed change: the local cache forgets the document at once (the next view asks the
 * database), the other instances are told, the cache is refreshed, and a deleted document's counts go.
 */
async function documentChanged(
  strapi: Core.Strapi,
  uid: string,
  documentId: string,
  action: string
): Promise<void> {
  try {
    const publishedCache = getService(strapi, 'published-cache');
    publishedCache.forget(uid, documentId);
    await getService(strapi, 'counter').announce(uid, documentId);
    const { exists } = await publishedCache.refresh(uid, documentId);
    if (action === 'delete' && !exists) {
      await getService(strapi, 'counter').discard((field) =>
        fieldBelongsTo(field, uid, documentId)
      );
      await getService(strapi, 'tables').deleteDocument(uid, documentId);
    }
  } catch (error) {
    // The editor's action succeeded; the cache corrects itself on the next miss, so this is a warning.
    strapi.log.warn(
      `[engagement] Could not update the counts state of ${uid} ${documentId} after ${action}: ${(error as Error).message}`
    );
  }
}

/**
 * Keeps the published-document cache current and deletes a document's counts with its last row. Why a
 * Document Service middleware: the REST API, the admin and code all write through it, and it sees
 * publish/unpublish/delete as single actions (DB lifecycles fire once per row and locale).
 */
function watchDocuments(strapi: Core.Strapi): void {
  strapi.documents.use(async (context, next) => {
    const result = await next();
    if (
      !STATE_ACTIONS.has(context.action) ||
      !getService(strapi, 'published-cache').byUid(context.uid)
    )
      return result;
    const params = context.params as { documentId?: string };
    const documentId = params.documentId ?? (result as { documentId?: string } | null)?.documentId;
    if (typeof documentId === 'string')
      await afterCommit(strapi, () =>
        documentChanged(strapi, context.uid, documentId, context.action)
      );
    return result;
  });
}

/**
 * Adds `engagement: {views, shares}` to every entry of a tracked type's own GET responses (core find and
 * findOne, and custom routes of its controller such as by-slug), with one query per request. A server
 * middleware sees the matched route (ctx.state.route) after the router ran, so no app file is edited.
 * A body that is already serialized (a string or Buffer: an app's response cache sends its stored JSON
 * with the figures already attached through the same {@link withEngagement}) is left alone.
 */
function decorateResponses(strapi: Core.Strapi): void {
  strapi.server.use(async (ctx, next) => {
    await next();
    if (ctx.method !== 'GET' || ctx.status !== 200) return;
    const handler = (ctx.state.route as { handler?: unknown } | undefined)?.handler;
    if (typeof handler !== 'string') return;
    const uid = handler.slice(0, handler.lastIndexOf('.'));
    if (!getService(strapi, 'published-cache').byUid(uid)) return;
    const body: unknown = ctx.body;
    if (!body || typeof body !== 'object' || Buffer.isBuffer(body)) return;
    const documentIds = topLevelDocumentIds(body);
    if (documentIds.length === 0) return;
    try {
      withEngagement(body, await getService(strapi, 'stats').summaries(uid, documentIds));
    } catch (error) {
      strapi.log.warn(
        `[engagement] Could not attach counts to ${ctx.path}: ${(error as Error).message}`
      );
    }
  });
}

/**
 * Marks tracked types in their schema's pluginOptions (`engagement: { tracked: true }`): the Content
 * Manager merges pluginOptions into a layout's options, which is how the admin UI knows where to show
 * its panel and list column.
 */
function markTrackedTypes(strapi: Core.Strapi, uids: string[]): void {
  for (const uid of uids) {
    const contentType = strapi.contentType(uid as never) as {
      pluginOptions?: Record<string, unknown>;
    };
    contentType.pluginOptions = {
      ...(contentType.pluginOptions ?? {}),
      engagement: { tracked: true },
    };
  }
}

/** Checks the configured types exist, marks them for the admin, watches document changes, decorates REST responses, extends GraphQL when installed. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const types = getService(strapi, 'published-cache').resolveTypes();
  markTrackedTypes(
    strapi,
    types.map((type) => type.uid)
  );
  watchDocuments(strapi);
  if (getConfig(strapi).decorateResponses) decorateResponses(strapi);
  registerGraphql(strapi, types);
};
