import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';
import { registerGraphql } from './graphql';
import { topLevelEntries, withCommentCounts } from './lib/comments-field';
import { errorMessage, getConfig, getService } from './utils';

/**
 * Adds `comments: { count }` to every entry of a commented type's own GET responses (core find and
 * findOne, and custom routes of its controller such as by-slug), with one query per response. Mounted on
 * the content-API router, so it runs inside the app's middlewares: a response cache in front stores the
 * figures with the body and drops it when they change (`reader-comments.changed`).
 */
function decorateResponses(strapi: Core.Strapi): void {
  const commented = new Set(getConfig(strapi).contentTypes);
  strapi.server.api('content-api').use(async (ctx: Context, next: Next) => {
    await next();
    if (ctx.method !== 'GET' || ctx.status !== 200) return;
    const handler = (ctx.state.route as { handler?: unknown } | undefined)?.handler;
    if (typeof handler !== 'string') return;
    const uid = handler.slice(0, handler.lastIndexOf('.'));
    if (!commented.has(uid)) return;
    const body: unknown = ctx.body;
    if (!body || typeof body !== 'object' || Buffer.isBuffer(body)) return;
    const entries = topLevelEntries(body);
    if (entries.length === 0) return;
    try {
      withCommentCounts(body, await getService(strapi, 'counts').ofEntries(uid, entries));
    } catch (error) {
      strapi.log.warn(
        `[reader-comments] could not attach comment counts to ${ctx.path}: ${errorMessage(error)}`
      );
    }
  });
}

/** Decorates the commented types' REST responses with their counts, when configured; extends GraphQL when installed. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  if (getConfig(strapi).decorateResponses) decorateResponses(strapi);
  registerGraphql(strapi);
};
