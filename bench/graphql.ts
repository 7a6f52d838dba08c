/**
 * `npm run bench:graphql`: starts the app as a real HTTP server in a child process (SQLite, and
 * PostgreSQL when reachable), drives it with autocannon, and prints, measured side by side in one run:
 *   - GraphQL list of 25 articles with `engagement` req/s ÷ the REST equivalent
 *     (`GET /api/articles?fields=title,slug&pagination[pageSize]=25`, engagement attached by the plugin);
 *   - each of them ÷ `GET /_health` on the same server.
 * Each scenario runs BENCH_SECONDS (default 2) per round, BENCH_ROUNDS rounds (default 5); each ratio is
 * taken within a round and the median round is printed. BENCH_CONNECTIONS (default 50);
 * BENCH_SQLITE_ONLY=1 skips PostgreSQL. Anonymous requests (the Public role reads articles).
 */
import { fork, type ChildProcess } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { compileStrapi, createStrapi } from '@strapi/strapi';
import autocannon from 'autocannon';
import { createTestDatabase } from '../tests/helpers/database';
import { throwawaySecrets } from '../tests/helpers/secrets';
import { postgresReachable, printTable, runBenchmark, type Row } from './support';

const APP_DIR = path.join(__dirname, '..');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 2);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const ARTICLES = 100;
const PAGE = 25;
const GRAPHQL_QUERY = `{ articles(pagination: { pageSize: ${PAGE} }) { documentId title slug engagement { views shares { total } } } }`;
const REST_PATH = `/api/articles?fields[0]=title&fields[1]=slug&pagination[pageSize]=${PAGE}`;

type Message = { type: string; [key: string]: unknown };

/* ------------------------------------------------------------------ server (child process) */

async function runServer(): Promise<void> {
  const strapi = await createStrapi({ appDir: APP_DIR, distDir: path.join(APP_DIR, 'dist') }).load();
  const documents = strapi.documents('api::article.article');
  const counter = strapi.plugin('engagement').service('counter') as { record(event: object): Promise<boolean>; flush(): Promise<unknown> };
  for (let index = 0; index < ARTICLES; index += 1) {
    const article = await documents.create({ data: { title: `Bench article ${index}` } as never, status: 'published' });
    // a few counted views each, so engagement figures are real rows
    for (let view = 0; view < index % 5; view += 1) {
      await counter.record({ uid: 'api::article.article', documentId: article.documentId, metric: 'view', ip: `10.0.${index}.${view + 1}`, userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0 bench' });
    }
  }
  await counter.flush();
  strapi.server.mount();
  const server = strapi.server.httpServer;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  process.on('message', async (message: Message) => {
    if (message.type === 'stop') {
      await strapi.destroy();
      process.exit(0);
    }
  });
  process.send?.({ type: 'ready', baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
}

/* ------------------------------------------------------------------ driver (parent process) */

function waitFor(child: ChildProcess, reply: string): Promise<Message> {
  return new Promise((resolve, reject) => {
    child.once('message', (answer: Message) => (answer.type === reply ? resolve(answer) : reject(new Error(`unexpected ${answer.type}`))));
    child.once('exit', (code: number | null) => reject(new Error(`server exited (${code}) before "${reply}"`)));
  });
}

/** req/s and failures of one scenario. */
async function drive(url: string, request: { method: 'GET' | 'POST'; path: string; body?: string; headers?: Record<string, string> }, seconds: number) {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: seconds, requests: [request] });
  return { rps: result.requests.total / result.duration, failed: result.non2xx + result.errors + result.timeouts };
}

/** Checks once that both endpoints answer the same 25 articles with engagement, so the ratio compares like with like. */
async function checkAnswers(baseUrl: string): Promise<void> {
  const rest = (await (await fetch(`${baseUrl}${REST_PATH}`)).json()) as { data: Array<{ documentId: string; engagement?: { views: number } }> };
  const graphql = (await (
    await fetch(`${baseUrl}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: GRAPHQL_QUERY }) })
  ).json()) as { data?: { articles: Array<{ documentId: string; engagement: { views: number } }> }; errors?: unknown };
  if (!graphql.data || rest.data.length !== PAGE || graphql.data.articles.length !== PAGE) throw new Error(`unexpected answers: ${JSON.stringify({ rest: rest.data.length, graphql })}`);
  const restViews = rest.data.reduce((sum, entry) => sum + (entry.engagement?.views ?? 0), 0);
  const graphqlViews = graphql.data.articles.reduce((sum, entry) => sum + entry.engagement.views, 0);
  if (restViews !== graphqlViews || restViews === 0) throw new Error(`engagement differs: REST ${restViews} views, GraphQL ${graphqlViews}`);
}

interface Figures {
  database: string;
  graphqlOverRest: number;
  graphqlOverHealth: number;
  restOverHealth: number;
  health: number;
  rest: number;
  graphql: number;
  failed: number;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function benchDatabase(client: 'sqlite' | 'postgres'): Promise<Figures> {
  const database = await createTestDatabase(client);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...database.env,
    NODE_ENV: 'production',
    ...throwawaySecrets(),
    LOG_LEVEL: 'error',
    SEED_DEMO_CONTENT: 'false',
    STRAPI_TELEMETRY_DISABLED: 'true',
    ENGAGEMENT_STORE: 'memory',
  };
  delete env.REDIS_URL;
  const child = fork(__filename, ['--server'], { env, execArgv: ['-r', 'esbuild-register'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  try {
    const baseUrl = String((await waitFor(child, 'ready')).baseUrl);
    await checkAnswers(baseUrl);
    const scenarios = {
      health: { method: 'GET' as const, path: '/_health' },
      rest: { method: 'GET' as const, path: REST_PATH },
      graphql: { method: 'POST' as const, path: '/graphql', body: JSON.stringify({ query: GRAPHQL_QUERY }), headers: { 'content-type': 'application/json' } },
    };
    await drive(baseUrl, scenarios.health, 2); // warm-up
    const rates: Record<keyof typeof scenarios, number[]> = { health: [], rest: [], graphql: [] };
    let failed = 0;
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const name of ['health', 'rest', 'graphql'] as const) {
        const run = await drive(baseUrl, scenarios[name], SECONDS);
        rates[name].push(run.rps);
        failed += run.failed;
      }
    }
    const ratio = (a: number[], b: number[]) => median(a.map((value, round) => value / b[round]));
    return {
      database: client,
      graphqlOverRest: ratio(rates.graphql, rates.rest),
      graphqlOverHealth: ratio(rates.graphql, rates.health),
      restOverHealth: ratio(rates.rest, rates.health),
      health: median(rates.health),
      rest: median(rates.rest),
      graphql: median(rates.graphql),
      failed,
    };
  } finally {
    child.send({ type: 'stop' });
    await new Promise((resolve) => child.once('exit', resolve));
    await database.drop();
  }
}


async function main(): Promise<void> {
  process.stdout.write('Compiling the app…\n');
  await compileStrapi({ appDir: APP_DIR });
  const clients: Array<'sqlite' | 'postgres'> = ['sqlite'];
  if (!process.env.BENCH_SQLITE_ONLY && (await postgresReachable())) clients.push('postgres');
  const results: Figures[] = [];
  for (const client of clients) {
    process.stdout.write(`Measuring on ${client} (${ROUNDS} rounds of ${SECONDS} s per scenario, ${CONNECTIONS} connections)…\n`);
    results.push(await benchDatabase(client));
  }
  const fmt = (value: number, digits = 2) => value.toFixed(digits);
  const rows: Array<Row<Figures>> = [
    [`GraphQL ${PAGE} articles + engagement ÷ REST equivalent`, (f) => fmt(f.graphqlOverRest)],
    ['  GraphQL ÷ /_health', (f) => fmt(f.graphqlOverHealth)],
    ['  REST ÷ /_health', (f) => fmt(f.restOverHealth)],
    ['  /_health req/s (median)', (f) => fmt(f.health, 0)],
    ['  REST req/s (median)', (f) => fmt(f.rest, 0)],
    ['  GraphQL req/s (median)', (f) => fmt(f.graphql, 0)],
    ['  failed requests', (f) => String(f.failed)],
  ];
  printTable(rows, results, 14);
}

runBenchmark(main, runServer);
