import type { Core } from '@strapi/strapi';
import { GRAPHQL_OPERATION } from '../graphql/draft-rules';
import { planPopulate, runSteps, type LoadPage } from './bounded-relations';
import { readBudgetFor, type BudgetContext } from './index';

/** Document Service actions that read; `count` returns a number, so it costs nothing to send. */
const READ_ACTIONS = new Set(['findMany', 'findFirst', 'findOne']);
const SAFE_METHODS = new Set(['GET', 'HEAD']);

/** The current request when the Document Service call is part of a content-API read, else null. */
function contentApiRead(strapi: Core.Strapi): BudgetContext | null {
  const ctx = strapi.requestContext.get() as BudgetContext | undefined;
  const route = ctx?.state.route;
  if (!ctx || route?.info?.type !== 'content-api' || ctx.res?.writableEnded) return null;
  if (!SAFE_METHODS.has(ctx.method) && ctx.state[GRAPHQL_OPERATION] !== 'query') return null;
  // Reads made while Strapi is still authenticating the request (auth strategies) are not the request's.
  if (!ctx.state.auth && route.config?.auth !== false) return null;
  return ctx;
}

/**
 * Bounds every content-API read made through the Document Service (core controllers, the by-slug and
 * tag routes, plugins): before the query runs, its cost (entries on the page × each populated
 * relation's real largest list) is checked against the requester's budget (400 over it, 429 when a
 * public client's points run out); for requests without credentials, to-many relations are capped at
 * the relation list limit per parent. GraphQL operations are estimated once as a whole by
 * ./graphql-plugin.ts, so only their deadline is checked here.
 */
export function registerRestReadBudget(strapi: Core.Strapi): void {
  const load: LoadPage = async (node, parentId, options, limit) => {
    const query = strapi
      .get('query-params')
      .transform(node.targetUid as never, options as never) as Record<string, unknown>;
    const row = (await strapi.db.query(node.parentUid as never).findOne({
      select: ['id'],
      where: { id: parentId },
      populate: { [node.attribute]: { ...query, limit } },
    })) as Record<string, unknown> | null;
    return row?.[node.attribute];
  };

  strapi.documents.use(async (context, next) => {
    if (!READ_ACTIONS.has(context.action)) return next();
    const ctx = contentApiRead(strapi);
    if (!ctx) return next();
    const budget = readBudgetFor(strapi);
    budget.checkDeadline(ctx);
    if (ctx.state[GRAPHQL_OPERATION]) return next();

    const params = context.params as { populate?: unknown; limit?: unknown; pageSize?: unknown };
    const requester = budget.requesterOf(ctx);
    const rows = await budget.stats.rows(context.uid);
    const pageSize = Number(params.limit ?? params.pageSize);
    const count =
      context.action === 'findMany'
        ? Number.isSafeInteger(pageSize) && pageSize > 0
          ? Math.min(pageSize, rows)
          : rows
        : 1;
    const { estimate, tree, largest } = await budget.estimateRest(
      context.uid,
      count,
      params.populate,
      requester
    );
    await budget.charge(ctx, estimate, 'populate');

    if (requester !== 'public' || tree.length === 0) return next();
    const cap = budget.config.relationListLimit;
    const plan = planPopulate(
      params.populate,
      tree,
      budget.getSchema,
      cap,
      (node) => (largest.get(node) ?? Infinity) > cap
    );
    if (plan.steps.length === 0) return next();
    context.params = { ...context.params, populate: plan.populate } as typeof context.params;
    const result = await next();
    await runSteps(result, plan.steps, load, () => budget.checkDeadline(ctx));
    return result;
  });
}
