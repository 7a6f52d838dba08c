/** Settings of the read budget (`config/read-budget.ts`, read as `strapi.config.get('read-budget')`). */
export interface ReadBudgetConfig {
  budget: { public: number; authenticated: number; fullAccess: number };
  relationListLimit: number;
  maxResponseMb: number;
  timeoutMs: number;
  rateLimitPerMinute: number;
  redisUrl: string;
  graphql: {
    maxTokens: number;
    maxFields: number;
    maxAliases: number;
    publicIntrospection: boolean;
  };
}

const wholeNumber = (value: unknown, min: number): boolean =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= min;

/**
 * Checks the configuration and returns it typed; throws one message listing every problem, so a wrong
 * environment variable stops the app at start instead of leaving reads unbounded.
 */
export function validateConfig(raw: unknown): ReadBudgetConfig {
  const config = (raw ?? {}) as Partial<Record<keyof ReadBudgetConfig, unknown>>;
  const budget = (config.budget ?? {}) as Record<string, unknown>;
  const graphql = (config.graphql ?? {}) as Record<string, unknown>;
  const problems: string[] = [];
  const check = (value: unknown, min: number, name: string, env: string) => {
    if (!wholeNumber(value, min))
      problems.push(
        `${name} (${env}) must be a whole number of at least ${min}, got ${JSON.stringify(value)}`
      );
  };
  check(budget.public, 1, 'budget.public', 'READ_BUDGET_PUBLIC');
  check(budget.authenticated, 1, 'budget.authenticated', 'READ_BUDGET_AUTHENTICATED');
  check(budget.fullAccess, 0, 'budget.fullAccess', 'READ_BUDGET_FULL_ACCESS');
  check(config.relationListLimit, 1, 'relationListLimit', 'RELATION_LIST_LIMIT');
  check(config.maxResponseMb, 1, 'maxResponseMb', 'READ_MAX_RESPONSE_MB');
  check(config.timeoutMs, 1, 'timeoutMs', 'READ_TIMEOUT_MS');
  check(config.rateLimitPerMinute, 0, 'rateLimitPerMinute', 'READ_RATE_LIMIT');
  check(graphql.maxTokens, 100, 'graphql.maxTokens', 'GRAPHQL_MAX_TOKENS');
  check(graphql.maxFields, 10, 'graphql.maxFields', 'GRAPHQL_MAX_FIELDS');
  check(graphql.maxAliases, 0, 'graphql.maxAliases', 'GRAPHQL_MAX_ALIASES');
  if (typeof graphql.publicIntrospection !== 'boolean')
    problems.push(
      'graphql.publicIntrospection (GRAPHQL_PUBLIC_INTROSPECTION) must be true or false'
    );
  if (
    typeof config.redisUrl !== 'string' ||
    (config.redisUrl !== '' && !/^rediss?:\/\//.test(config.redisUrl))
  ) {
    problems.push(
      'redisUrl (READ_BUDGET_REDIS_URL or REDIS_URL) must be empty or a redis:// or rediss:// URL'
    );
  }
  if (problems.length > 0)
    throw new Error(`Invalid read-budget configuration: ${problems.join('; ')}.`);
  return config as ReadBudgetConfig;
}
