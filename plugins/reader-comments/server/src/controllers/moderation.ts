import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';
import {
  MODERATION_ACTIONS,
  MODERATION_QUEUES,
  MODERATION_REASON_MAX_LENGTH,
  type ModerationAction,
  type ModerationQueue,
} from '../../../shared/contracts';
import type { Moderator } from '../services/moderation';
import type { DataSubject } from '../services/personal-data';
import { getService } from '../utils';

const pageParams = (query: Record<string, unknown>): { page: number; pageSize: number } => {
  const page = query.page === undefined ? 1 : Number(query.page);
  const pageSize = query.pageSize === undefined ? 20 : Number(query.pageSize);
  if (!Number.isSafeInteger(page) || page < 1)
    throw new errors.ValidationError('"page" must be a positive integer');
  if (!Number.isSafeInteger(pageSize) || pageSize < 1 || pageSize > 100)
    throw new errors.ValidationError('"pageSize" must be an integer from 1 to 100');
  return { page, pageSize };
};

const idParam = (value: unknown): number => {
  const id = Number(value);
  if (!Number.isSafeInteger(id) || id < 1)
    throw new errors.NotFoundError(`No comment ${String(value).slice(0, 20)}`);
  return id;
};

const reasonOf = (body: Record<string, unknown>, required: boolean): string | undefined => {
  const { reason } = body;
  if (reason === undefined || reason === null || reason === '') {
    if (required) throw new errors.ValidationError('"reason" is required: say why');
    return undefined;
  }
  if (typeof reason !== 'string' || reason.length > MODERATION_REASON_MAX_LENGTH) {
    throw new errors.ValidationError(
      `"reason" must be a string of at most ${MODERATION_REASON_MAX_LENGTH} characters`
    );
  }
  return reason;
};

/** The admin user acting, for the log. */
const moderatorOf = (ctx: Context): Moderator => {
  const user = ctx.state.user as {
    id: number;
    firstname?: string;
    lastname?: string;
    username?: string;
    email?: string;
  };
  const name =
    [user.firstname, user.lastname].filter(Boolean).join(' ') ||
    user.username ||
    user.email ||
    `admin ${user.id}`;
  return { id: user.id, name };
};

const bodyOf = (ctx: Context): Record<string, unknown> => {
  const body = (ctx.request as { body?: unknown }).body;
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw new errors.ValidationError('The body must be a JSON object');
  return body as Record<string, unknown>;
};

/** The commenter a data request names: `?email=` (a guest) or `?userId=` (a signed-in user). */
const dataSubjectOf = (query: Record<string, unknown>): DataSubject => {
  if (typeof query.email === 'string' && query.email.includes('@') && query.email.length <= 254)
    return { email: query.email };
  const userId = Number(query.userId);
  if (Number.isSafeInteger(userId) && userId > 0) return { userId };
  throw new errors.ValidationError('Name the commenter: ?email=<address> or ?userId=<id>');
};

/** Admin routes of the moderation pages: checked parameters in, the moderation service's answers out. */
const moderationController = ({ strapi }: { strapi: Core.Strapi }) => {
  const moderation = () => getService(strapi, 'moderation');
  return {
    /** GET /queue?queue=pending&page=&pageSize= */
    async queue(ctx: Context) {
      const queue = (ctx.query.queue ?? 'pending') as ModerationQueue;
      if (!MODERATION_QUEUES.includes(queue))
        throw new errors.ValidationError(`"queue" must be one of ${MODERATION_QUEUES.join(', ')}`);
      const { page, pageSize } = pageParams(ctx.query);
      const { uid, documentId } = ctx.query as { uid?: unknown; documentId?: unknown };
      const document =
        typeof uid === 'string' && typeof documentId === 'string' && uid && documentId
          ? { uid: uid.slice(0, 160), documentId: documentId.slice(0, 64) }
          : undefined;
      ctx.body = await moderation().queue(queue, page, pageSize, document);
    },

    /** POST /moderate { ids, action, reason? } — one decision on one or many comments. */
    async moderate(ctx: Context) {
      const body = bodyOf(ctx);
      const ids = body.ids;
      if (
        !Array.isArray(ids) ||
        ids.length === 0 ||
        ids.length > 100 ||
        !ids.every((id) => Number.isSafeInteger(id) && (id as number) > 0)
      ) {
        throw new errors.ValidationError('"ids" must list 1 to 100 comment ids');
      }
      const action = body.action as ModerationAction;
      if (!MODERATION_ACTIONS.includes(action))
        throw new errors.ValidationError(
          `"action" must be one of ${MODERATION_ACTIONS.join(', ')}`
        );
      ctx.body = await moderation().act(
        [...new Set(ids as number[])],
        action,
        moderatorOf(ctx),
        reasonOf(body, false)
      );
    },

    /** PUT /comments/:id { text, reason } — a moderator's edit, with its reason. */
    async edit(ctx: Context) {
      const body = bodyOf(ctx);
      if (typeof body.text !== 'string')
        throw new errors.ValidationError('"text" must be the new text');
      ctx.body = await moderation().edit(
        idParam(ctx.params.id),
        body.text,
        moderatorOf(ctx),
        reasonOf(body, true) as string
      );
    },

    /** POST /comments/:id/block { by: 'author' | 'address', reason? } */
    async block(ctx: Context) {
      const body = bodyOf(ctx);
      const by = body.by ?? 'author';
      if (by !== 'author' && by !== 'address')
        throw new errors.ValidationError('"by" must be "author" or "address"');
      ctx.status = 201;
      ctx.body = await moderation().block(
        idParam(ctx.params.id),
        by,
        moderatorOf(ctx),
        reasonOf(body, false)
      );
    },

    /** GET /personal-data?email= or ?userId= — everything kept about one commenter (a data access request). */
    async exportData(ctx: Context) {
      ctx.body = await getService(strapi, 'personal-data').export(dataSubjectOf(ctx.query));
    },

    /** DELETE /personal-data?email= or ?userId= — erases one commenter's comments and reports. */
    async eraseData(ctx: Context) {
      ctx.body = await getService(strapi, 'personal-data').erase(
        dataSubjectOf(ctx.query),
        moderatorOf(ctx)
      );
    },

    /** POST /reconcile — recounts every document's comments and every thread's replies. */
    async reconcile(ctx: Context) {
      ctx.body = { data: await getService(strapi, 'counts').reconcile() };
    },

    /** GET /log — what moderators did, newest first. */
    async log(ctx: Context) {
      const { page, pageSize } = pageParams(ctx.query);
      ctx.body = await moderation().log(page, pageSize);
    },
  };
};

export default moderationController;
