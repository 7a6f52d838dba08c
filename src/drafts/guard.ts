import type { Core } from '@strapi/strapi';
import { contentTypes, errors } from '@strapi/utils';
import { canReadDrafts, READ_DRAFTS_ACTION, type RequestAuth } from './read-drafts';
import {
  draftRelationSort,
  objectMorphFragments,
  PUBLISHED,
  publishedOnlyFilters,
  publishedOnlyPopulate,
  type GetModel,
  type ModelLike,
} from './published-only';
import { draftQueryParam, populateDepth } from './query-rules';
import { GRAPHQL_OPERATION } from '../graphql/draft-rules';

/** Document Service actions that read; writes keep their own semantics (a write's rules must see drafts). */
const READ_ACTIONS = new Set(['findMany', 'findFirst', 'findOne', 'count']);
const SAFE_METHODS = new Set(['GET', 'HEAD']);

/** The part of a Koa context the guard reads. */
interface RequestContext {
  method: string;
  res?: { writableEnded?: boolean };
  query: Record<string, unknown>;
  state: {
    route?: { info?: { type?: string }; config?: { auth?: unknown } };
    auth?: RequestAuth;
    [GRAPHQL_OPERATION]?: string;
  };
}

/** A content-API read by a requester who may not read drafts. */
interface RestrictedRead {
  ctx: RequestContext;
  /** Whether the request carries credentials (a token or a user JWT); the Public role does not. */
  authenticated: boolean;
}

/** Settings the guard reads from the `publishing` config. */
export interface DraftGuardOptions {
  /** Deepest `populate` an unauthenticated request may ask for (relation levels). */
  publicPopulateMaxDepth: number;
}

/** The query-level `filters` of a database query: an object, or a function Strapi calls per queried model. */
type QueryFilters =
  | Record<string, unknown>
  | ((args: { meta: { uid: string } }) => Record<string, unknown> | undefined)
  | undefined;

/**
 * Keeps drafts private on the content API, for every draft & publish type, present and future.
 *
 * Where: a Document Service middleware, since every content-API read of content (core controllers, our
 * by-slug and tag routes, plugins, populated relations) goes through the Document Service, and by the
 * time a controller calls it Strapi's router has authenticated the request, so `strapi.requestContext`
 * carries `ctx.state.auth`. Reads that bypass the Document Service (`strapi.db.query`, as the upload
 * plugin's `GET /api/upload/files?populate=related` does) are caught by a database lifecycle. Admin
 * routes (the Content Manager) pass untouched.
 *
 * For a GET/HEAD content-API request whose requester may not read drafts (see {@link canReadDrafts}):
 * - a query asking for drafts or draft state (`status=draft`, `publicationFilter`, ...) answers 403;
 * - every read is forced to published rows, populated relations included, so code that calls the
 *   Document Service without a status (its default is draft) cannot leak drafts;
 * - filters through relations (also inside `populate`) match published rows only, and a sort through a
 *   relation into a draft & publish type answers 400 (see ./published-only.ts);
 * - an unauthenticated request asking for a `populate` deeper than the configured maximum answers 400.
 */
export function registerDraftGuard(strapi: Core.Strapi, options: DraftGuardOptions): void {
  if (!Number.isSafeInteger(options.publicPopulateMaxDepth) || options.publicPopulateMaxDepth < 0) {
    throw new Error(
      `publishing.publicPopulateMaxDepth (PUBLIC_POPULATE_MAX_DEPTH) must be a whole number of at least 0, got ${options.publicPopulateMaxDepth}`
    );
  }
  const readsDrafts = new WeakMap<object, Promise<boolean>>();
  const getModel = ((uid: string) => strapi.getModel(uid as never)) as GetModel;

  /** The current request when it is a content-API read by someone who may not read drafts, else null. */
  const restrictedRead = async (): Promise<RestrictedRead | null> => {
    const ctx = strapi.requestContext.get() as RequestContext | undefined;
    const route = ctx?.state.route;
    if (!ctx || route?.info?.type !== 'content-api') return null;
    // A GraphQL query is a read sent as a POST; the GraphQL extension records its operation type.
    if (!SAFE_METHODS.has(ctx.method) && ctx.state[GRAPHQL_OPERATION] !== 'query') return null;
    // A timer started during a request inherits its context; once the response is sent, nothing it
    // reads can reach that response.
    if (ctx.res?.writableEnded) return null;
    // Reads made while Strapi is still authenticating the request (auth strategies) are not the request's.
    if (!ctx.state.auth && route.config?.auth !== false) return null;
    let allowed = readsDrafts.get(ctx);
    if (!allowed) {
      allowed = canReadDrafts(strapi, ctx.state.auth);
      readsDrafts.set(ctx, allowed);
    }
    return (await allowed) ? null : { ctx, authenticated: Boolean(ctx.state.auth?.credentials) };
  };

  const refuseDraftQuery = (query: Record<string, unknown>) => {
    const param = draftQueryParam(query);
    if (!param) return;
    // A PolicyError (a ForbiddenError) keeps its message: Strapi's route authorization step turns any
    // other ForbiddenError thrown below it into a bare "Forbidden".
    throw new errors.PolicyError(
      `Reading drafts ("${param}" parameter) needs an API token with full access or the "${READ_DRAFTS_ACTION}" permission, or a users-permissions role granted it; published content needs no parameter.`,
      { param }
    );
  };

  strapi.documents.use(async (context, next) => {
    if (!READ_ACTIONS.has(context.action)) return next();
    const read = await restrictedRead();
    if (!read) return next();

    refuseDraftQuery(read.ctx.query);
    if (!read.authenticated) {
      const depth = populateDepth(read.ctx.query.populate);
      if (depth > options.publicPopulateMaxDepth) {
        throw new errors.ValidationError(
          `populate is ${depth} relations deep; requests without credentials may populate at most ${options.publicPopulateMaxDepth} (PUBLIC_POPULATE_MAX_DEPTH). Send an API token for deeper populates.`,
          { source: 'query', param: 'populate' }
        );
      }
    }
    const params = context.params as { filters?: unknown; populate?: unknown; sort?: unknown };
    const model = getModel(context.uid);
    const sortPath = draftRelationSort(params.sort, model, getModel);
    if (sortPath) {
      throw new errors.ValidationError(
        `Sorting through "${sortPath}" would order by draft content; it needs the permission to read drafts ("${READ_DRAFTS_ACTION}").`,
        { source: 'query', param: 'sort' }
      );
    }
    context.params = {
      ...params,
      status: 'published',
      ...(params.filters === undefined
        ? {}
        : { filters: publishedOnlyFilters(params.filters, model, getModel) }),
      ...(params.populate === undefined
        ? {}
        : { populate: publishedOnlyPopulate(params.populate, model, getModel) }),
    } as typeof context.params;
    return next();
  });

  /** Query-level filters that also keep every draft & publish model's rows (root and populated) to published ones. */
  const publishedRowsOnly =
    (previous: QueryFilters): QueryFilters =>
    (args) => {
      const base = typeof previous === 'function' ? previous(args) : previous;
      if (!contentTypes.hasDraftAndPublish(getModel(args.meta.uid) as ModelLike as never))
        return base;
      return base && Object.keys(base).length > 0 ? { $and: [base, PUBLISHED] } : PUBLISHED;
    };
  const guardDatabaseRead = async (event: {
    params?: { filters?: QueryFilters; populate?: unknown };
  }) => {
    const read = await restrictedRead();
    if (!read || !event.params) return;
    refuseDraftQuery(read.ctx.query);
    event.params.filters = publishedRowsOnly(event.params.filters);
    if (event.params.populate !== undefined)
      event.params.populate = objectMorphFragments(event.params.populate);
  };
  strapi.db.lifecycles.subscribe({
    beforeFindOne: guardDatabaseRead,
    beforeFindMany: guardDatabaseRead,
    beforeCount: guardDatabaseRead,
  } as never);
}
