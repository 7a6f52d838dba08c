import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';
import type { EngagementTotals, EngagementValue } from 'strapi-plugin-engagement/shared';
import {
  ThrottledLog,
  topLevelDocumentIds,
  withEngagement,
  withLiveEngagement,
  type EngagementServices,
} from 'strapi-plugin-engagement/strapi-server';
import type { ResponseCacheConfig } from './config';
import { GRAPHQL_CACHE, type GraphqlCacheHints } from '../graphql/cache-hints';
import {
  DEPENDENCIES_STATE_KEY,
  responseDependencies,
  type DeclaredDependencies,
} from './dependencies';
import { cacheKey, digest, entityTag, isCachedPath } from './rules';
import { singleFlight } from './single-flight';
import type { CachedResponse, Lookup, ResponseStore } from './stores';

/** Longest a write's response waits for its invalidation to reach the store. */
const SETTLE_LIMIT_MS = 2000;

/** The engagement plugin's public services the cache reads, when the plugin is installed. */
type EngagementReaders = Pick<EngagementServices, 'published-cache' | 'stats'>;

/** Shortest time between two warnings of one kind (a failing store would otherwise log on every request). */
const WARN_INTERVAL_MS = 10_000;

/** A response computed on a miss: the entry to store and send, and what it depends on. */
interface Computed {
  entry: CachedResponse;
  dependencies: string[];
}

/**
 * The response cache of public content-API GETs: lookup, one shared computation per key on a miss, store
 * with dependencies, live engagement counts, ETag, 304, and the invalidations that writes wait for. Built
 * once per app by ./index.ts.
 */
export function createResponseCache(
  strapi: Core.Strapi,
  config: ResponseCacheConfig,
  store: ResponseStore
) {
  const prefix = strapi.config.get('api.rest.prefix', '/api') as string;
  // GraphQL GETs (persisted queries) are cached like REST reads when the GraphQL plugin is on.
  const graphqlEndpoint = strapi.plugin('graphql')
    ? (strapi.config.get('plugin::graphql.endpoint', '/graphql') as string)
    : null;
  const maxBodyChars = config.maxBodyKb * 1024;
  const warnings = new Map<string, ThrottledLog>();
  /**
   * Warns at most once per `WARN_INTERVAL_MS` per kind (`lookup`, `save`, `engagement`), so an outage does
   * not flood the log; a later warning says how many of its kind were held back meanwhile.
   */
  const warn = (kind: string, message: string): void => {
    let log = warnings.get(kind);
    if (!log)
      warnings.set(
        kind,
        (log = new ThrottledLog(
          (line) => strapi.log.warn(`[response-cache] ${line}`),
          WARN_INTERVAL_MS
        ))
      );
    log.log(message);
  };
  const pending = new Set<Promise<void>>();
  const flights = singleFlight<Computed | null>();
  /** Set by close (app destroy): later writes have no cache to invalidate. */
  let closed = false;

  const engagement = (uid: string | null): EngagementReaders | null => {
    if (!uid || !strapi.plugin('engagement')) return null;
    const plugin = strapi.plugin('engagement');
    const services = {
      'published-cache': plugin.service('published-cache'),
      stats: plugin.service('stats'),
    } as unknown as EngagementReaders;
    return services['published-cache'].byUid(uid) ? services : null;
  };

  /** Names of relation and media attributes of every content type and component (how a populated relation shows in a body). */
  let relationKeys: ReadonlySet<string> | undefined;
  const relationKeysOf = (): ReadonlySet<string> => {
    if (relationKeys) return relationKeys;
    const names = new Set<string>();
    for (const schema of [
      ...Object.values(strapi.contentTypes),
      ...Object.values(strapi.components),
    ] as Array<{ attributes?: Record<string, { type?: string }> }>) {
      for (const [name, attribute] of Object.entries(schema.attributes ?? {})) {
        if (attribute.type === 'relation' || attribute.type === 'media') names.add(name);
      }
    }
    relationKeys = names;
    return names;
  };

  /**
   * The stored form of a fresh 200 from a content-API route requested without credentials, with its
   * dependencies (read from the body, plus what the route declared under `ctx.state`), else null.
   */
  const storable = (ctx: Context): Computed | null => {
    if (ctx.path === graphqlEndpoint) {
      // A GraphQL GET: its body is JSON text already, and the GraphQL cache hints say what it shows.
      const hints = ctx.state[GRAPHQL_CACHE] as GraphqlCacheHints | undefined;
      if (!hints || ctx.status !== 200 || typeof ctx.body !== 'string') return null;
      const declared: DeclaredDependencies = { documentIds: hints.documentIds, lists: hints.lists };
      return {
        entry: {
          uid: null,
          body: ctx.body,
          digest: digest(ctx.body),
          documentIds: [],
          engagementSpots: hints.spots,
        },
        dependencies: responseDependencies(JSON.parse(ctx.body), {
          uid: null,
          declared,
          relationKeys: relationKeysOf(),
        }),
      };
    }
    const route = ctx.state.route as { info?: { type?: string }; handler?: unknown } | undefined;
    const auth = ctx.state.auth as { credentials?: unknown } | undefined;
    if (ctx.status !== 200 || route?.info?.type !== 'content-api' || auth?.credentials) return null;
    // A route that says its answer must not be kept (a proof-of-work challenge: one per reader).
    if (/\bno-store\b/.test(ctx.response.get('Cache-Control'))) return null;
    if (
      !ctx.body ||
      typeof ctx.body !== 'object' ||
      Buffer.isBuffer(ctx.body) ||
      typeof (ctx.body as { pipe?: unknown }).pipe === 'function'
    )
      return null;
    const body = JSON.stringify(ctx.body);
    const uid =
      typeof route.handler === 'string'
        ? route.handler.slice(0, route.handler.lastIndexOf('.'))
        : null;
    const declared = ctx.state[DEPENDENCIES_STATE_KEY] as DeclaredDependencies | undefined;
    return {
      entry: { uid, body, digest: digest(body), documentIds: topLevelDocumentIds(ctx.body) },
      dependencies: responseDependencies(ctx.body, {
        uid,
        declared,
        relationKeys: relationKeysOf(),
      }),
    };
  };

  /** Stores a computed response (unless too large); a failing store only costs the next request a miss. */
  const save = async (key: string, lookup: Lookup, computed: Computed): Promise<void> => {
    if (computed.entry.body.length > maxBodyChars) return;
    try {
      await store.save(key, lookup, computed.dependencies, computed.entry);
    } catch (error) {
      warn('save', `Could not store ${key}: ${(error as Error).message}`);
    }
  };

  /** Live `engagement` values of a cached GraphQL response's spots, by type and document. */
  const graphqlValues = async (
    entry: CachedResponse
  ): Promise<Map<string, Map<string, EngagementValue>> | undefined> => {
    const spots = entry.engagementSpots ?? [];
    if (spots.length === 0 || !strapi.plugin('engagement')) return undefined;
    const stats = strapi
      .plugin('engagement')
      .service('stats') as unknown as EngagementServices['stats'];
    const byUid = new Map<string, string[]>();
    for (const spot of spots)
      byUid.set(spot.uid, [...(byUid.get(spot.uid) ?? []), spot.documentId]);
    return new Map(
      await Promise.all(
        [...byUid].map(async ([uid, ids]) => [uid, await stats.values(uid, ids)] as const)
      )
    );
  };

  /** Sends `entry` (with live counts) or a 304, with the caching headers. */
  const respond = async (ctx: Context, entry: CachedResponse): Promise<void> => {
    let summaries: Map<string, EngagementTotals> | undefined;
    let values: Map<string, Map<string, EngagementValue>> | undefined;
    const services = entry.documentIds.length > 0 ? engagement(entry.uid) : null;
    if (services || entry.engagementSpots?.length) {
      try {
        if (services)
          summaries = await services.stats.summaries(entry.uid as string, entry.documentIds);
        values = await graphqlValues(entry);
      } catch (error) {
        // Served without counts and without validators, so no cache keeps the incomplete body.
        warn(
          'engagement',
          `Could not read engagement counts for ${ctx.path}: ${(error as Error).message}`
        );
        ctx.set('Cache-Control', 'no-store');
        ctx.type = 'application/json';
        ctx.body = entry.body;
        return;
      }
    }
    const liveCounts = summaries
      ? JSON.stringify(entry.documentIds.map((id) => summaries?.get(id) ?? null))
      : values
        ? JSON.stringify(
            entry.engagementSpots?.map(
              (spot) => values?.get(spot.uid)?.get(spot.documentId) ?? null
            )
          )
        : undefined;
    ctx.status = 200;
    ctx.set('ETag', entityTag(entry.digest, liveCounts));
    ctx.set('Cache-Control', config.cacheControl);
    if (ctx.fresh) {
      ctx.status = 304;
      ctx.body = null;
      return;
    }
    ctx.type = 'application/json';
    ctx.body = summaries
      ? withEngagement(entry.body, summaries)
      : values
        ? withLiveEngagement(entry.body, entry.engagementSpots ?? [], values)
        : entry.body;
  };

  return {
    /**
     * Whether the request is a GET/HEAD of a cached path, or a GraphQL GET with a query or a persisted
     * query's hash (credentialed ones are then passed through by `serve`).
     */
    handles(ctx: Context): boolean {
      if (ctx.method !== 'GET' && ctx.method !== 'HEAD') return false;
      if (ctx.path === graphqlEndpoint)
        return typeof ctx.query.query === 'string' || typeof ctx.query.extensions === 'string';
      return isCachedPath(ctx.path, prefix, config.paths);
    },

    /**
     * Serves a GET/HEAD of a cached path. Requests with an Authorization header (API tokens, user JWTs:
     * they may see drafts or other fields) pass through and are marked `private, no-store`.
     */
    async serve(ctx: Context, next: Next): Promise<void> {
      ctx.vary('Authorization');
      if (ctx.get('Authorization')) {
        await next();
        if (!ctx.response.get('Cache-Control')) ctx.set('Cache-Control', 'private, no-store');
        return;
      }
      const key = cacheKey(ctx.path, ctx.querystring);
      let lookup: Lookup;
      // At most two lookups: the second after sharing a computation older than this request's snapshot.
      for (let looked = 1; ; looked += 1) {
        try {
          lookup = await store.lookup(key);
        } catch (error) {
          warn('lookup', `Cache unavailable, serving without it: ${(error as Error).message}`);
          return next();
        }
        if (lookup.entry) {
          ctx.set('X-Response-Cache', looked === 1 ? 'hit' : 'shared');
          return respond(ctx, lookup.entry);
        }
        // Another request for this key is computing it: share its result (see ./single-flight.ts).
        const running = flights.join(key, lookup.snapshot);
        // Its failure (or an answer that cannot be shared, such as a 404) is this request's own to compute.
        const shared = running ? await running.result.catch(() => null) : null;
        if (!running || !shared) break;
        if (!running.olderSnapshot) {
          ctx.set('X-Response-Cache', 'shared');
          return respond(ctx, shared.entry);
        }
        // It started before a write this request saw: usable only if the store, asked again, keeps it.
        if (looked === 2) break;
      }
      ctx.set('X-Response-Cache', 'miss');
      // Saved inside the flight, so a request that joins it finds the entry stored once it settles.
      const computed = await flights.run(key, lookup.snapshot, async () => {
        await next();
        const result = storable(ctx);
        if (result) await save(key, lookup, result);
        return result;
      });
      if (!computed) return;
      await respond(ctx, computed.entry);
    },

    /**
     * Invalidates the cached responses depending on any of `tags` (all instances with Redis). Retries
     * until the store accepts it, since another instance would otherwise keep serving the old entries
     * until they expire.
     */
    invalidate(tags: readonly string[]): void {
      if (closed) {
        strapi.log.debug(
          '[response-cache] A write after the cache was closed (shutdown): nothing to invalidate here.'
        );
        return;
      }
      const attempt = async (tries: number): Promise<void> => {
        try {
          await store.invalidate(tags);
        } catch (error) {
          strapi.log.warn(
            `[response-cache] Could not invalidate cached responses (attempt ${tries}), retrying: ${(error as Error).message}`
          );
          await new Promise((resolve) => setTimeout(resolve, Math.min(5000, 100 * 2 ** tries)));
          if (tries < 10) return attempt(tries + 1);
          strapi.log.error(
            `[response-cache] Giving up invalidating; cached responses expire within ${config.ttlSeconds}s.`
          );
        }
      };
      const running = attempt(1).finally(() => pending.delete(running));
      pending.add(running);
    },

    /**
     * Resolves once every invalidation started so far is done (or after `SETTLE_LIMIT_MS` while the store
     * is failing: then lookups fail too and nothing stale is served); a write's response waits for it, so
     * a client that saw the write succeed never reads the old response on any instance.
     */
    async settled(): Promise<void> {
      if (pending.size === 0) return;
      let timer: NodeJS.Timeout | undefined;
      const limit = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, SETTLE_LIMIT_MS);
      });
      await Promise.race([Promise.all([...pending]), limit]);
      clearTimeout(timer);
    },

    async close(): Promise<void> {
      closed = true;
      await this.settled();
      await store.close();
    },
  };
}

export type ResponseCache = ReturnType<typeof createResponseCache>;
