import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { forbidden } from '../lib/errors';
import type { Context } from 'koa';
import { REPORT_REASON_MAX_LENGTH } from '../../../shared/contracts';
import { dependsOnDocuments } from '../lib/cache-dependencies';
import { ORDERS, type Order } from '../lib/cursor';
import type { Author, Requester } from '../services/comments';
import type { PostKeys } from '../services/rate-limits';
import { getConfig, getService } from '../utils';

/** A positive integer route or query parameter, else a 400 (404 for ids: no such comment can exist). */
function positiveInt(name: string, value: unknown, notFound = false): number {
  const parsed =
    typeof value === 'string' && /^\d{1,15}$/.test(value)
      ? Number(value)
      : typeof value === 'number'
        ? value
        : NaN;
  if (!Number.isSafeInteger(parsed) || parsed < 1) {
    if (notFound) throw new errors.NotFoundError(`No comment ${String(value).slice(0, 20)}`);
    throw new errors.ValidationError(`"${name}" must be a positive integer`);
  }
  return parsed;
}

function optionalString(name: string, value: unknown, max: number): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string' || value.length > max)
    throw new errors.ValidationError(`"${name}" must be a string of at most ${max} characters`);
  return value;
}

/** The request body as an object (Strapi parses JSON and form bodies), else a 400. */
function bodyOf(ctx: Context): Record<string, unknown> {
  const body = (ctx.request as { body?: unknown }).body;
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw new errors.ValidationError('The body must be a JSON object');
  return body as Record<string, unknown>;
}

/** The signed-in users-permissions user, if the request carries one. */
const signedInUser = (ctx: Context): { id: number; username?: string } | undefined => {
  const user = ctx.state?.user as { id?: unknown; username?: string } | undefined;
  return user &&
    typeof user.id === 'number' &&
    ctx.state?.auth?.strategy?.name === 'users-permissions'
    ? { id: user.id, username: user.username }
    : undefined;
};

/** Who asks to change a comment: the signed-in user and/or the `X-Comment-Token` header. */
const requesterOf = (ctx: Context): Requester => {
  const token = ctx.get('x-comment-token');
  return { userId: signedInUser(ctx)?.id, ...(token ? { token } : {}) };
};

/** Counts a post or report against the rate limits; a 429 carries Retry-After. */
const consumeLimitsWith = (strapi: Core.Strapi) => async (ctx: Context, keys: PostKeys) => {
  try {
    await getService(strapi, 'rate-limits').consume(keys);
  } catch (error) {
    const retryAfter = (error as { details?: { retryAfter?: number } }).details?.retryAfter;
    if (retryAfter) ctx.set('Retry-After', String(retryAfter));
    throw error;
  }
};

/**
 * Thin handlers of the public routes: parameters are checked here (400/404 with a message), the work is
 * the services'. The documents a route names must be published in the locale asked for.
 */
const commentsController = ({ strapi }: { strapi: Core.Strapi }) => {
  const subjects = () => getService(strapi, 'subjects');
  const consumeLimits = consumeLimitsWith(strapi);

  const subjectOf = async (ctx: Context) => {
    const uid = subjects().typeOf(ctx.params.type);
    return subjects().find(uid, ctx.params.documentId, ctx.query.locale);
  };

  return {
    /** GET /:type/:documentId — a page of the thread. */
    async thread(ctx: Context) {
      const subject = await subjectOf(ctx);
      const { pageSize } = getConfig(strapi);
      const order = (optionalString('order', ctx.query.order, 10) ?? 'newest') as Order;
      if (!ORDERS.includes(order))
        throw new errors.ValidationError(`"order" must be one of ${ORDERS.join(', ')}`);
      const size =
        ctx.query.pageSize === undefined
          ? pageSize.default
          : positiveInt('pageSize', ctx.query.pageSize);
      if (size > pageSize.max)
        throw new errors.ValidationError(`"pageSize" must be at most ${pageSize.max}`);
      dependsOnDocuments(ctx.state, [subject.documentId]);
      ctx.body = await getService(strapi, 'threads').page(subject, {
        order,
        cursor: optionalString('cursor', ctx.query.cursor, 200),
        pageSize: size,
      });
    },

    /** GET /threads/:rootId/replies — more replies of one thread. */
    async replies(ctx: Context) {
      const rootId = positiveInt('rootId', ctx.params.rootId, true);
      const { pageSize } = getConfig(strapi);
      const size =
        ctx.query.pageSize === undefined
          ? pageSize.default
          : positiveInt('pageSize', ctx.query.pageSize);
      if (size > pageSize.max)
        throw new errors.ValidationError(`"pageSize" must be at most ${pageSize.max}`);
      const page = await getService(strapi, 'threads').replies(rootId, {
        cursor: optionalString('cursor', ctx.query.cursor, 200),
        pageSize: size,
      });
      dependsOnDocuments(ctx.state, [page.subject.documentId]);
      ctx.body = { data: page.data, meta: page.meta };
    },

    /** GET /:type/counts?documentIds=a,b — approved comments per document. */
    async counts(ctx: Context) {
      const uid = subjects().typeOf(ctx.params.type);
      const raw = optionalString('documentIds', ctx.query.documentIds, 100 * 65) ?? '';
      const ids = [
        ...new Set(
          raw
            .split(',')
            .map((id) => id.trim())
            .filter(Boolean)
        ),
      ];
      if (ids.length === 0)
        throw new errors.ValidationError(
          '"documentIds" must list at least one documentId (comma-separated)'
        );
      if (ids.length > 100)
        throw new errors.ValidationError('"documentIds" may list at most 100 documentIds');
      if (ids.some((id) => !/^[A-Za-z0-9_-]{1,64}$/.test(id)))
        throw new errors.ValidationError('"documentIds" holds something that is not a documentId');
      const locale = await subjects().localeOf(uid, ctx.query.locale);
      dependsOnDocuments(ctx.state, ids);
      ctx.body = {
        data: Object.fromEntries(await getService(strapi, 'counts').of(uid, ids, locale)),
      };
    },

    /** GET /:type/:documentId/challenge — an ALTCHA challenge for a post on the document. */
    async challenge(ctx: Context) {
      if (!getConfig(strapi).spam.altcha.enabled)
        throw new errors.NotFoundError('This site does not use a proof-of-work check');
      const subject = await subjectOf(ctx);
      const fields = optionalString('fields', ctx.query.fields, 64);
      if (fields !== undefined && !/^[0-9a-f]{64}$/.test(fields))
        throw new errors.ValidationError('"fields" must be a SHA-256 hash in lowercase hex');
      ctx.set('Cache-Control', 'no-store');
      ctx.body = await getService(strapi, 'challenge').create(subject, fields);
    },

    /** POST /:type/:documentId — a new comment or reply. */
    async post(ctx: Context) {
      const config = getConfig(strapi);
      const subject = await subjectOf(ctx);
      const closed = subjects().closedReason(subject);
      if (closed) throw forbidden(closed);
      const body = bodyOf(ctx);
      if (typeof body.text !== 'string')
        throw new errors.ValidationError('"text" must be the comment, as plain text');
      const honeypot = body[config.spam.honeypotField];
      if (honeypot !== undefined && honeypot !== '') {
        throw new errors.ValidationError(
          `The "${config.spam.honeypotField}" field must stay empty (it is there to catch robots)`
        );
      }
      const parentId =
        body.parentId === undefined || body.parentId === null
          ? undefined
          : positiveInt('parentId', body.parentId);
      const user = signedInUser(ctx);
      if (body.notifyReplies !== undefined && typeof body.notifyReplies !== 'boolean')
        throw new errors.ValidationError('"notifyReplies" must be true or false');
      const readerToken = user ? '' : ctx.get('x-reader-token');
      const verified = readerToken
        ? await getService(strapi, 'readers').identify(readerToken)
        : undefined;
      let author: Author;
      if (user) {
        author = { kind: 'user', id: user.id, name: user.username ?? `user ${user.id}` };
      } else if (verified) {
        const given = body.author as { name?: unknown } | undefined;
        if (!given || typeof given !== 'object' || typeof given.name !== 'string')
          throw new errors.ValidationError(
            'Give "author": { "name" } to comment as a verified guest (the email is the verified one)'
          );
        author = { kind: 'guest', name: given.name, email: verified.email, verified: true };
      } else {
        const given = body.author as { name?: unknown; email?: unknown } | undefined;
        if (
          !given ||
          typeof given !== 'object' ||
          typeof given.name !== 'string' ||
          typeof given.email !== 'string'
        ) {
          throw new errors.ValidationError(
            'Sign in, or give "author": { "name", "email" } to comment as a guest'
          );
        }
        author = { kind: 'guest', name: given.name, email: given.email };
      }
      const addressHash = await getService(strapi, 'address-hash').hash(ctx.request.ip);
      await consumeLimits(ctx, {
        address: addressHash,
        user: user?.id,
        document: `${subject.uid}|${subject.documentId}|${subject.locale}`,
      });
      if (config.spam.altcha.enabled) {
        const fields = {
          name: author.kind === 'guest' ? author.name : '',
          // A verified guest's form sends no email (the token stands for it): its binding uses ''.
          email: author.kind === 'guest' && !verified ? author.email : '',
          text: body.text,
        };
        const { issuedAt } = await getService(strapi, 'challenge').verify(
          body.altcha,
          subject,
          fields
        );
        if (Date.now() - issuedAt < config.spam.minFillSeconds * 1000) {
          throw new errors.ValidationError(
            `The form was sent too quickly: wait ${config.spam.minFillSeconds} seconds after it is shown`
          );
        }
      }
      ctx.status = 201;
      ctx.body = await getService(strapi, 'comments').post(subject, {
        text: body.text,
        notifyReplies: body.notifyReplies === true,
        parentId,
        author,
        addressHash,
        request: {
          ip: ctx.request.ip,
          userAgent: ctx.get('user-agent').slice(0, 500),
          referrer: ctx.get('referer').slice(0, 500) || undefined,
          turnstileToken:
            typeof body['cf-turnstile-response'] === 'string'
              ? body['cf-turnstile-response'].slice(0, 2048)
              : undefined,
        },
      });
    },

    /** PATCH /comments/:id — its author edits the text within the edit window. */
    async edit(ctx: Context) {
      const id = positiveInt('id', ctx.params.id, true);
      const body = bodyOf(ctx);
      if (typeof body.text !== 'string')
        throw new errors.ValidationError('"text" must be the new text, as plain text');
      ctx.body = await getService(strapi, 'comments').edit(id, body.text, requesterOf(ctx));
    },

    /** POST /comments/:id/report — a reader reports an approved comment, once. */
    async report(ctx: Context) {
      const id = positiveInt('id', ctx.params.id, true);
      const body = (ctx.request as { body?: unknown }).body;
      const reason = optionalString(
        'reason',
        (body as { reason?: unknown } | undefined)?.reason,
        REPORT_REASON_MAX_LENGTH
      );
      const user = signedInUser(ctx);
      const addressHash = await getService(strapi, 'address-hash').hash(ctx.request.ip);
      await consumeLimits(ctx, { address: addressHash, user: user?.id, document: `report|${id}` });
      ctx.status = 201;
      ctx.body = await getService(strapi, 'moderation').report(
        id,
        user ? `user:${user.id}` : `address:${addressHash}`,
        reason
      );
    },

    /** DELETE /comments/:id — its author deletes it within the edit window. */
    async remove(ctx: Context) {
      const id = positiveInt('id', ctx.params.id, true);
      ctx.body = await getService(strapi, 'comments').remove(id, requesterOf(ctx));
    },
  };
};

export default commentsController;
