import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';
import bodyParser from 'koa-bodyparser';
import { precheckGraphql } from './graphql-plugin';
import { readBudgetFor, ReadTimeoutError, STATE, type BudgetContext } from './index';

/** Seconds a client is told to wait after a read stopped at its deadline. */
const RETRY_AFTER_TIMEOUT_SECONDS = 5;

/** An error in the shape the client expects: GraphQL's `errors`, or Strapi's REST error body. */
const errorBody = (
  graphql: boolean,
  status: number,
  name: string,
  message: string,
  code: string
) =>
  graphql
    ? { errors: [{ message, extensions: { code } }] }
    : { data: null, error: { status, name, message, details: {} } };

/**
 * App middleware (config/middlewares.ts, before the response cache): the hard stops of public reads.
 * A GET under the REST prefix or a GraphQL request without an Authorization header
 * - spends 1 point of its client's per-minute allowance (429 with Retry-After once spent; the read's
 *   cost is spent later, when it is estimated),
 * - gets a deadline: past it, or once the client has gone, its Document Service calls and GraphQL
 *   fields stop and it answers 503 with Retry-After,
 * - answers 413 instead of a body larger than the response ceiling.
 */
export function readLimitsMiddleware(_config: unknown, { strapi }: { strapi: Core.Strapi }) {
  const budget = readBudgetFor(strapi);
  const prefix = strapi.config.get('api.rest.prefix', '/api') as string;
  const graphqlEndpoint = strapi.config.get('plugin::graphql.endpoint', '/graphql') as string;
  const maxBytes = budget.config.maxResponseMb * 1024 * 1024;

  const isPublicRead = (ctx: Context): boolean => {
    if (ctx.get('Authorization')) return false;
    if (ctx.path === graphqlEndpoint) return ctx.method === 'GET' || ctx.method === 'POST';
    return (
      (ctx.method === 'GET' || ctx.method === 'HEAD') &&
      (ctx.path === prefix || ctx.path.startsWith(`${prefix}/`))
    );
  };

  return async (ctx: Context, next: Next) => {
    if (!isPublicRead(ctx)) return next();
    const state = ctx as unknown as BudgetContext;
    state.state[STATE.deadline] = Date.now() + budget.config.timeoutMs;
    await budget.spendPoints(state, 1);
    try {
      await next();
    } catch (error) {
      if (!(error instanceof ReadTimeoutError)) throw error;
    }
    if (ctx.state[STATE.timedOut]) {
      ctx.status = 503;
      ctx.set('Retry-After', String(RETRY_AFTER_TIMEOUT_SECONDS));
      ctx.set('Cache-Control', 'no-store');
      ctx.body = errorBody(
        ctx.path === graphqlEndpoint,
        503,
        'ServiceUnavailableError',
        new ReadTimeoutError(budget.config.timeoutMs).message,
        'READ_TIMEOUT'
      );
      return;
    }
    if (
      ctx.status !== 200 ||
      ctx.body === null ||
      ctx.body === undefined ||
      Buffer.isBuffer(ctx.body)
    )
      return;
    if (typeof (ctx.body as { pipe?: unknown }).pipe === 'function') return;
    const text = typeof ctx.body === 'string' ? ctx.body : JSON.stringify(ctx.body);
    const bytes = Buffer.byteLength(text);
    if (bytes > maxBytes) {
      const size = (bytes / 1024 / 1024).toFixed(1);
      ctx.status = 413;
      ctx.set('Cache-Control', 'no-store');
      ctx.body = errorBody(
        ctx.path === graphqlEndpoint,
        413,
        'PayloadTooLargeError',
        `This response would be ${size} MB; reads without credentials may answer at most ${budget.config.maxResponseMb} MB (READ_MAX_RESPONSE_MB). Ask for fewer entries, fewer fields or populate less.`,
        'RESPONSE_TOO_LARGE'
      );
      return;
    }
    if (typeof ctx.body !== 'string') {
      ctx.type = 'application/json';
      ctx.body = text;
    }
  };
}

/**
 * App middleware (config/middlewares.ts, after the body parser): checks a GraphQL request's text before
 * Apollo parses and validates it (see {@link precheckGraphql}); answers 400 with a GraphQL error.
 */
export function graphqlLimitsMiddleware(_config: unknown, { strapi }: { strapi: Core.Strapi }) {
  const budget = readBudgetFor(strapi);
  const endpoint = strapi.config.get('plugin::graphql.endpoint', '/graphql') as string;
  // Strapi's body parser skips the GraphQL endpoint (the GraphQL plugin parses its own body with
  // koa-bodyparser's defaults, and skips a body that is already parsed): the same parser, here first.
  const parseBody = bodyParser();
  return async (ctx: Context, next: Next) => {
    if (ctx.path !== endpoint || (ctx.method !== 'GET' && ctx.method !== 'POST')) return next();
    if (ctx.method === 'POST') await parseBody(ctx, async () => undefined);
    const error = precheckGraphql(
      ctx.method === 'GET' ? ctx.query : (ctx.request as { body?: unknown }).body,
      budget.config.graphql
    );
    if (!error) return next();
    ctx.status = (error.extensions.http as { status: number }).status;
    ctx.set('Cache-Control', 'no-store');
    ctx.body = {
      errors: [{ message: error.message, extensions: { code: error.extensions.code } }],
    };
  };
}
