import { Client } from 'pg';

/**
 * Whether the PostgreSQL the integration tests use (DATABASE_* variables, else the local defaults)
 * answers: the benchmarks add a PostgreSQL run only then.
 */
export async function postgresReachable(): Promise<boolean> {
  const client = new Client({
    host: process.env.DATABASE_HOST ?? '127.0.0.1',
    port: Number(process.env.DATABASE_PORT ?? 5432),
    database: process.env.DATABASE_NAME ?? 'test',
    user: process.env.DATABASE_USERNAME ?? 'postgres',
    password: process.env.DATABASE_PASSWORD ?? '',
    connectionTimeoutMillis: 2000,
  });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}
