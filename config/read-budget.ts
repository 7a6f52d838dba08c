import type { Core } from '@strapi/strapi';

/**
 * What one content-API read may cost (src/read-budget; README "Security: read budgets"). Checked at start
 * by src/read-budget/config.ts. Entries are the unit: a request's cost is the most entries its response
 * may hold (page size × each populated relation's size, summed over every populate path or GraphQL field).
 */
const config = ({ env }: Core.Config.Shared.ConfigParams) => ({
  budget: {
    /** Requests without credentials. */
    public: env.int('READ_BUDGET_PUBLIC', 5000),
    /** API tokens (read-only, custom) and signed-in users. */
    authenticated: env.int('READ_BUDGET_AUTHENTICATED', 50000),
    /** Full-access API tokens; 0 means no limit. */
    fullAccess: env.int('READ_BUDGET_FULL_ACCESS', 0),
  },
  /** Most entries a populated to-many relation returns in a response to a request without credentials. */
  relationListLimit: env.int('RELATION_LIST_LIMIT', 25),
  /** Public reads whose response would be larger answer 413. */
  maxResponseMb: env.int('READ_MAX_RESPONSE_MB', 8),
  /** Public reads still running after this long stop and answer 503. */
  timeoutMs: env.int('READ_TIMEOUT_MS', 10000),
  /** Per client IP and minute, points a client without credentials may spend (1 per read + 1 per 100 entries of cost); 0 turns it off. */
  rateLimitPerMinute: env.int('READ_RATE_LIMIT', 3000),
  /** Redis shares the rate limit between instances (empty: per instance, in memory). */
  redisUrl: env('READ_BUDGET_REDIS_URL', env('REDIS_URL', '')),
  graphql: {
    /** Longest query text (GraphQL tokens) a request may send. */
    maxTokens: env.int('GRAPHQL_MAX_TOKENS', 2000),
    /** Most fields one operation may select, counted with every fragment expanded. */
    maxFields: env.int('GRAPHQL_MAX_FIELDS', 500),
    /** Most aliased fields in one operation. */
    maxAliases: env.int('GRAPHQL_MAX_ALIASES', 20),
    /** Introspection (`__schema`, `__type`) for requests without credentials; tokens always may. */
    publicIntrospection: env.bool('GRAPHQL_PUBLIC_INTROSPECTION', env('NODE_ENV') !== 'production'),
  },
});

export default config;
