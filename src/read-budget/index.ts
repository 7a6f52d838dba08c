import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { validateConfig, type ReadBudgetConfig } from './config';
import {
  estimateCost,
  populateTree,
  type CostEstimate,
  type GetSchema,
  type PopulateNode,
} from './populate-tree';
import { clientKey, memoryPoints, pointsFor, redisPoints, type PointStore } from './rate-limit';
import { relationStats, type RelationStats } from './relation-stats';
import { databaseFingerprint } from '../response-cache/rules';
import { errorMessage } from '../utils/error-message';

/** Who is reading, as far as budgets go. */
export type Requester = 'public' | 'authenticated' | 'full-access';

/** The parts of a Koa context the read budget reads and marks. */
export interface BudgetContext {
  method: string;
  path: string;
  request: { ip: string };
  req?: { socket?: { destroyed?: boolean } };
  res?: { writableEnded?: boolean };
  set(name: string, value: string): void;
  get(name: string): string;
  state: {
    auth?: { strategy?: { name?: string }; credentials?: unknown };
    route?: { info?: { type?: string }; config?: { auth?: unknown } };
    [key: string]: unknown;
  };
}

/** `ctx.state` keys of the read budget. */
export const STATE = {
  /** Time (ms since epoch) after which a public read stops. */
  deadline: 'readDeadline',
  /** Set when a read stopped at its deadline; the read-limits middleware answers 503. */
  timedOut: 'readTimedOut',
  /** Entries estimated so far for this request (several Document Service calls add up). */
  spent: 'readEntries',
} as const;

/** Thrown when a public read runs past its deadline or its client left; answered 503 by the middleware. */
export class ReadTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(
      `This read took longer than ${timeoutMs} ms (READ_TIMEOUT_MS) and was stopped. Ask for fewer entries or populate less.`
    );
    this.name = 'ReadTimeoutError';
  }
}

/** How long a 429 for spent read points waits before it is sent. */
const RATE_LIMITED_ANSWER_DELAY_MS = 1000;

const formatNumber = (value: number): string =>
  Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : 'unbounded';

/** The 400 message for a read over budget: what it would cost, where, and how to get it through. */
export function overBudgetMessage(
  estimate: CostEstimate,
  budget: number,
  requester: Requester,
  what: string
): string {
  const { costliest } = estimate;
  const where = costliest.path
    ? `${what} "${costliest.path}" alone ${formatNumber(costliest.entries)} (${costliest.factors.map(formatNumber).join(' × ')})`
    : `${formatNumber(costliest.entries)} entries on one page`;
  const setting =
    requester === 'public'
      ? 'READ_BUDGET_PUBLIC'
      : requester === 'full-access'
        ? 'READ_BUDGET_FULL_ACCESS'
        : 'READ_BUDGET_AUTHENTICATED';
  const hint = requester === 'public' ? ' Send an API token for a larger budget.' : '';
  return `This read may return up to ${formatNumber(estimate.entries)} entries (${where}); ${requester === 'public' ? 'requests without credentials' : 'this requester'} may read at most ${formatNumber(budget)} (${setting}). Ask for a smaller page (pagination[pageSize]) or populate less.${hint}`;
}

/**
 * The app's read budget, built once per app from `config/read-budget.ts`: who a requester is, how much
 * they may read, real relation sizes, the per-IP point store and the request deadline.
 */
export function createReadBudget(strapi: Core.Strapi, config: ReadBudgetConfig) {
  const stats: RelationStats = relationStats(strapi);
  const points: PointStore | null =
    config.rateLimitPerMinute === 0
      ? null
      : config.redisUrl
        ? redisPoints({
            url: config.redisUrl,
            // Apps on different databases sharing one Redis keep separate allowances.
            keyPrefix: `read-budget:${databaseFingerprint(strapi.config.get('database.connection'))}:`,
            timeoutMs: 200,
            onError: (error) => strapi.log.debug(`[read-budget] Redis: ${error.message}`),
          })
        : memoryPoints();
  let lastWarning = 0;
  const getSchema: GetSchema = (uid) => strapi.getModel(uid as never) as never;

  const requesterOf = (ctx: BudgetContext): Requester => {
    const auth = ctx.state.auth;
    if (!auth?.credentials) return 'public';
    const type = (auth.credentials as { type?: unknown }).type;
    return auth.strategy?.name === 'api-token' && type === 'full-access'
      ? 'full-access'
      : 'authenticated';
  };

  return {
    config,
    stats,
    getSchema,
    requesterOf,

    /** Entries this requester may read in one request (Infinity: no limit). */
    budgetOf(requester: Requester): number {
      const budget = config.budget[requester === 'full-access' ? 'fullAccess' : requester];
      return budget === 0 ? Infinity : budget;
    },

    /**
     * Estimates a Document Service read: `count` entries of `uid` with `populate`. Each populated list
     * counts with its real largest size (`largest`: measured for relations and media; components and
     * dynamic zones, which have no join table to measure here, count as the relation list limit),
     * capped at the relation list limit for public reads (./bounded-relations.ts enforces the cap).
     */
    async estimateRest(
      uid: string,
      count: number,
      populate: unknown,
      requester: Requester
    ): Promise<{
      estimate: CostEstimate;
      tree: PopulateNode[];
      largest: Map<PopulateNode, number>;
    }> {
      const tree = populateTree(populate, uid, getSchema);
      const largest = new Map<PopulateNode, number>();
      const measure = async (nodes: PopulateNode[]): Promise<void> => {
        await Promise.all(
          nodes.map(async (node) => {
            const size =
              node.fanout === 'one'
                ? 1
                : node.relational && node.targetUid
                  ? await stats.largestList(node.parentUid, node.attribute, node.targetUid)
                  : config.relationListLimit;
            largest.set(node, size);
            await measure(node.children);
          })
        );
      };
      await measure(tree);
      const sizeOf = (node: PopulateNode) => {
        const size = largest.get(node) ?? 0;
        return requester === 'public' && node.fanout === 'many' && node.relational
          ? Math.min(size, config.relationListLimit)
          : size;
      };
      return { estimate: estimateCost(count, tree, sizeOf), tree, largest };
    },

    /**
     * Adds `entries` to the request's spending: for public reads, its points are spent from the client's
     * per-minute allowance (over it: 429 with Retry-After); over the requester's budget answers 400.
     * Both before any query of the read runs.
     */
    async charge(ctx: BudgetContext, estimate: CostEstimate, what: string): Promise<void> {
      const requester = requesterOf(ctx);
      const budget = this.budgetOf(requester);
      const total = ((ctx.state[STATE.spent] as number | undefined) ?? 0) + estimate.entries;
      ctx.state[STATE.spent] = total;
      // A refused read spends the points of what it asked for (up to the budget): a client that keeps
      // sending reads over the budget runs out of points as fast as one that keeps reading that much.
      if (requester === 'public')
        await this.spendPoints(ctx, pointsFor(Math.min(estimate.entries, budget)));
      if (total > budget) {
        throw new errors.ValidationError(
          overBudgetMessage({ ...estimate, entries: total }, budget, requester, what),
          {
            budget,
            entries: total,
            path: estimate.costliest.path,
          }
        );
      }
    },

    /**
     * Spends a public client's points; over the per-minute allowance answers 429 with Retry-After.
     * A store that fails lets the read through (logged at most once a minute): reads must not depend
     * on Redis being up.
     */
    async spendPoints(ctx: BudgetContext, amount: number): Promise<void> {
      const client = clientKey(ctx.request.ip);
      if (!points || amount <= 0 || client === null) return;
      let spent: Awaited<ReturnType<PointStore['spend']>>;
      try {
        spent = await points.spend(client, amount);
      } catch (error) {
        if (Date.now() - lastWarning > 60_000) {
          lastWarning = Date.now();
          strapi.log.warn(
            `[read-budget] Rate limit store unavailable, reads are not rate limited: ${errorMessage(error)}`
          );
        }
        return;
      }
      if (spent.spent > config.rateLimitPerMinute) {
        const retryAfter = Math.max(1, Math.ceil(spent.resetInMs / 1000));
        // The answer waits a moment: a client looping on 429s gets one a second per connection instead of
        // taking a share of the CPU from every other reader (waiting costs a timer, not work).
        await new Promise((resolve) =>
          setTimeout(resolve, Math.min(RATE_LIMITED_ANSWER_DELAY_MS, spent.resetInMs))
        );
        ctx.set('Retry-After', String(retryAfter));
        throw new errors.RateLimitError(
          `Too many reads from this address: ${config.rateLimitPerMinute} points a minute (READ_RATE_LIMIT; 1 per request plus 1 per 100 entries it may return). Try again in ${retryAfter} s, or send an API token.`,
          { retryAfter }
        );
      }
    },

    /** Stops a public read past its deadline or whose client has gone (throws {@link ReadTimeoutError}). */
    checkDeadline(ctx: BudgetContext): void {
      const deadline = ctx.state[STATE.deadline] as number | undefined;
      if (deadline === undefined) return;
      if (Date.now() > deadline || ctx.req?.socket?.destroyed) {
        ctx.state[STATE.timedOut] = true;
        throw new ReadTimeoutError(config.timeoutMs);
      }
    },

    async close(): Promise<void> {
      await points?.close();
    },
  };
}

export type ReadBudget = ReturnType<typeof createReadBudget>;

const budgets = new WeakMap<Core.Strapi, ReadBudget>();

/** The app's read budget, built on first use. */
export function readBudgetFor(strapi: Core.Strapi): ReadBudget {
  let budget = budgets.get(strapi);
  if (!budget) {
    budget = createReadBudget(strapi, validateConfig(strapi.config.get('read-budget')));
    budgets.set(strapi, budget);
  }
  return budget;
}

/** Closes the rate-limit store (app destroy). */
export async function closeReadBudget(strapi: Core.Strapi): Promise<void> {
  const budget = budgets.get(strapi);
  budgets.delete(strapi);
  await budget?.close();
}
