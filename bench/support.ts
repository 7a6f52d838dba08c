import { fork, type ChildProcess } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import type { Core } from '@strapi/strapi';
import { Client } from 'pg';
import { throwawaySecrets } from '../tests/helpers/secrets';

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

/** One row of a results table: a label, the cell for one database's figures, and an optional target. */
export type Row<F> = [label: string, value: (figures: F) => string, target?: string];

/** Prints a results table: one column per database (`database` field), then the target column if any row has one. */
export function printTable<F extends { database: string }>(
  rows: Array<Row<F>>,
  results: F[],
  column: number
): void {
  const withTarget = rows.some(([, , target]) => target !== undefined);
  const width = Math.max(...rows.map(([label]) => label.length)) + 2;
  const out = [
    ''.padEnd(width) +
      results.map((f) => f.database.padEnd(column)).join('') +
      (withTarget ? 'target' : ''),
  ];
  for (const [label, value, target] of rows)
    out.push(
      label.padEnd(width) + results.map((f) => value(f).padEnd(column)).join('') + (target ?? '')
    );
  process.stdout.write(`\n${out.join('\n')}\n`);
}

/**
 * The entry point of a server benchmark: the same file runs as the parent (measures, prints) and, with
 * `--server`, as the child process holding the app. A failure prints its stack and exits 1.
 */
export function runBenchmark(main: () => Promise<void>, runServer: () => Promise<void>): void {
  (process.argv.includes('--server') ? runServer() : main()).catch((error: Error) => {
    process.stderr.write(`${error.stack ?? error.message}\n`);
    process.exit(1);
  });
}

/**
 * The environment of a benchmark's server child process: production mode on the given database, throwaway
 * secrets, quiet logs, no demo content, the in-memory count store; `extra` on top.
 */
export function serverEnv(
  databaseEnv: Record<string, string>,
  extra: Record<string, string>
): NodeJS.ProcessEnv {
  return {
    ...process.env,
    ...databaseEnv,
    NODE_ENV: 'production',
    ...throwawaySecrets(),
    LOG_LEVEL: 'error',
    SEED_DEMO_CONTENT: 'false',
    STRAPI_TELEMETRY_DISABLED: 'true',
    ENGAGEMENT_STORE: 'memory',
    ...extra,
  };
}

/**
 * Forks `file` with `--server` (the benchmark's own server half) in `env`, without Redis (each benchmark
 * measures memory stores unless it says otherwise), and extra Node flags.
 */
export function forkServer(
  file: string,
  env: NodeJS.ProcessEnv,
  execArgv: string[] = []
): ChildProcess {
  const { REDIS_URL: _redis, ...withoutRedis } = env;
  return fork(file, ['--server'], {
    env: withoutRedis,
    execArgv: ['-r', 'esbuild-register', ...execArgv],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

/**
 * The server half of a benchmark: serves `strapi` on a free port of 127.0.0.1, tells the parent
 * `{ type: 'ready', baseUrl, ...ready }`, and on `{ type: 'stop' }` lets requests in progress finish,
 * destroys the app and exits. Any other message goes to `onMessage` (a bench's own requests).
 */
export async function serveUntilStopped(
  strapi: Core.Strapi,
  ready: Record<string, unknown>,
  onMessage: (message: { type?: string; [key: string]: unknown }) => void = () => undefined
): Promise<void> {
  strapi.server.mount();
  const server = strapi.server.httpServer;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  process.on('message', async (message: { type?: string; [key: string]: unknown }) => {
    if (message.type !== 'stop') {
      onMessage(message);
      return;
    }
    await new Promise((resolve) => server.close(resolve));
    await strapi.destroy();
    process.exit(0);
  });
  process.send?.({
    type: 'ready',
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    ...ready,
  });
}
