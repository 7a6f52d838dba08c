import { databaseClient } from './database';

/**
 * `describe` for tests of two app instances sharing a PostgreSQL or MySQL/MariaDB database and Redis
 * (SQLite is one process's file): the block runs when both are configured, else it is skipped with the
 * reason printed, so a skipped pass says what it would need.
 */
export function describeWithSharedServices(what: string): jest.Describe {
  const reason =
    databaseClient() === 'sqlite'
      ? `set DATABASE_CLIENT=postgres (or mysql) to run the two-instance ${what} test`
      : !process.env.REDIS_URL
        ? `set REDIS_URL to run the two-instance ${what} test`
        : null;
  if (!reason) return describe;
  process.stdout.write(`skipped: ${reason}\n`);
  it.skip(`skipped: ${reason}`, () => undefined);
  return describe.skip;
}
