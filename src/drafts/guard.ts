import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { canReadDrafts, READ_DRAFTS_ACTION, type RequestAuth } from './read-drafts';
import { draftRelationSort, publishedOnlyFilters, publishedOnlyPopulate, type GetModel } from './published-only';
import { draftQueryParam, populateDepth } from './query-rules';

/** Document Service actions that read; writes keep their own semantics (a write's rules must see drafts). */
const READ_ACTIONS = new Set(['findMany', 'findFirst', 'findOne', 'count']);
const SAFE_METHODS = new Set(['GET', 'HEAD']);

/** The part of a Koa context the guard reads. */
interface RequestContext {
  method: string;
  res?: { writableEnded?: boolean };
  query: Record<string, unknown>;
  state: { route?: { info?: { type?: string }; config?: { auth?: unknown } }; auth?: RequestAuth };
}

/** What the requester of one request may do, computed once per request. */
interface Access {
  readDrafts: boolean;
  authenticated: boolean;
}

/** Settings the guard reads from the `publishing` config. */
export interface DraftGuardOptions {
  /** Deepest `populate` an unauthenticated request may ask for (relation levels). */
  publicPopulateMaxDepth: number;
}

/**
 * Keeps drafts private on the content API, for every draft & publish type, present and future.
 *
 * Why a Document Service middleware: every content-API read of content (core controllers, our by-slug
 * and tag routes, plugins, populated relations) goes through the Document Service, and by the time a
 * controller calls it Strapi's router has authenticated the request, so `strapi.requestContext` carries
 * `ctx.state.auth`. The Content Manager's routes are admin routes and pass untouched.
 *
 * For a GET/HEAD content-API request whose requester may not read drafts (see {@link canReadDrafts}):
 * - a query asking for drafts or draft state (`status=draft`, `publicationFilter`, ...) answers 403;
 * - every read is forced to `status: 'published'`, which Strapi also applies to populated relations, so
 *   code that calls the Document Service without a status (its default is draft) cannot leak drafts;
 * - filters through relations (also inside `populate`) match published rows only, and a sort through a
 *   relation into a draft & publish type answers 400 (see ./published-only.ts);
 * - an unauthenticated request asking for a `populate` deeper than the configured maximum answers 400.
 */
export function registerDraftGuard(strapi: Core.Strapi, options: DraftGuardOptions): void {
  if (!Number.isSafeInteger(options.publicPopulateMaxDepth) || options.publicPopulateMaxDepth < 0) {
    throw new Error(`publishing.publicPopulateMaxDepth (PUBLIC_POPULATE_MAX_DEPTH) must be a whole number of at least 0, got ${options.publicPopulateMaxDepth}`);
  }
  const accessByRequest = new WeakMap<object, Promise<Access>>();

  const accessOf = (ctx: RequestContext): Promise<Access> => {
    let access = accessByRequest.get(ctx);
    if (!access) {
      const auth = ctx.state.auth;
      access = canReadDrafts(strapi, auth).then((readDrafts) => ({ readDrafts, authenticated: Boolean(auth?.credentials) }));
      accessByRequest.set(ctx, access);
    }
    return access;
  };

  strapi.documents.use(async (context, next) => {
    if (!READ_ACTIONS.has(context.action)) return next();
    const ctx = strapi.requestContext.get() as RequestContext | undefined;
    const route = ctx?.state.route;
    if (!ctx || route?.info?.type !== 'content-api' || !SAFE_METHODS.has(ctx.method)) return next();
    // A timer started during a request inherits its context; once the response is sent, nothing it
    // reads can reach that response.
    if (ctx.res?.writableEnded) return next();
    // Reads made while Strapi is still authenticating the request (auth strategies) are not the request's.
    if (!ctx.state.auth && route.config?.auth !== false) return next();

    const access = await accessOf(ctx);
    if (access.readDrafts) return next();

    const param = draftQueryParam(ctx.query);
    if (param) {
      // A PolicyError (a ForbiddenError) keeps its message: Strapi's route authorization step turns any
      // other ForbiddenError thrown below it into a bare "Forbidden".
      throw new errors.PolicyError(
        `Reading drafts ("${param}" parameter) needs an API token with full access or the "${READ_DRAFTS_ACTION}" permission, or a users-permissions role granted it; published content needs no parameter.`,
        { param },
      );
    }
    if (!access.authenticated) {
      const depth = populateDepth(ctx.query.populate);
      if (depth > options.publicPopulateMaxDepth) {
        throw new errors.ValidationError(
          `populate is ${depth} relations deep; requests without credentials may populate at most ${options.publicPopulateMaxDepth} (PUBLIC_POPULATE_MAX_DEPTH). Send an API token for deeper populates.`,
          { source: 'query', param: 'populate' },
        );
      }
    }
    const params = context.params as { filters?: unknown; populate?: unknown; sort?: unknown };
    const model = strapi.getModel(context.uid) as Parameters<typeof publishedOnlyFilters>[1];
    const getModel = ((uid: string) => strapi.getModel(uid as never)) as GetModel;
    const sortPath = draftRelationSort(params.sort, model, getModel);
    if (sortPath) {
      throw new errors.ValidationError(
        `Sorting through "${sortPath}" would order by draft content; it needs the permission to read drafts ("${READ_DRAFTS_ACTION}").`,
        { source: 'query', param: 'sort' },
      );
    }
    context.params = {
      ...params,
      status: 'published',
      ...(params.filters === undefined ? {} : { filters: publishedOnlyFilters(params.filters, model, getModel) }),
      ...(params.populate === undefined ? {} : { populate: publishedOnlyPopulate(params.populate, model, getModel) }),
    } as typeof context.params;
    return next();
  });
}
