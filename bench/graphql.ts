/**
 * `npm run bench:graphql`: starts the app as a real HTTP server in a child process (SQLite, and
 * PostgreSQL when reachable), drives it with autocannon, and prints, measured side by side in one run:
 *   - GraphQL list of 25 articles with `engagement` req/s ÷ the REST equivalent
 *     (`GET /api/articles?fields=title,slug&pagination[pageSize]=25`, engagement attached by the plugin);
 *   - each of them ÷ `GET /_health` on the same server.
 *   - read budgets under attack: cached `GET /api/articles/by-slug/:slug` req/s while 20 more connections
 *     send hostile reads in a loop (a REST populate over budget, `populate=*` on big pages, the 5-level
 *     GraphQL query that once ran the process out of memory, 100 aliases, a fragment bomb) ÷ the same
 *     without them (goal ≥ 0.8), and the server's peak RSS during the attack ÷ its RSS before (goal < 2).
 *     The attacker is one address behind a declared proxy (its points run out: 429); readers are loopback.
 * Each scenario runs BENCH_SECONDS (default 2) per round, BENCH_ROUNDS rounds (default 5); each ratio is
 * taken within a round and the median round is printed. BENCH_CONNECTIONS (default 50);
 * BENCH_SQLITE_ONLY=1 skips PostgreSQL. Anonymous requests (the Public role reads articles).
 */
import type { ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { compileStrapi, createStrapi } from '@strapi/strapi';
import autocannon from 'autocannon';
import { createTestDatabase } from '../tests/helpers/database';
import { waitForMessage } from '../tests/helpers/child-messages';
import {
  postgresReachable,
  printTable,
  type Row,
  forkServer,
  runBenchmark,
  serverEnv,
} from './support';

const APP_DIR = path.join(__dirname, '..');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 2);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const ARTICLES = 100;
const PAGE = 25;
const GRAPHQL_QUERY = `{ articles(pagination: { pageSize: ${PAGE} }) { documentId title slug engagement { views shares { total } } } }`;
const REST_PATH = `/api/articles?fields[0]=title&fields[1]=slug&pagination[pageSize]=${PAGE}`;
const PERSISTED = {
  version: 1,
  sha256Hash: createHash('sha256').update(GRAPHQL_QUERY).digest('hex'),
};
/** The persisted query as a GET: its hash only (Apollo's CSRF rule wants a non-simple header). */
const PERSISTED_GET = {
  method: 'GET' as const,
  path: `/graphql?extensions=${encodeURIComponent(JSON.stringify({ persistedQuery: PERSISTED }))}`,
  headers: { 'apollo-require-preflight': 'true' },
};
const HOSTILE_CONNECTIONS = 20;
const DEEP_GRAPHQL =
  '{ articles(pagination:{limit:100}) { title tags(pagination:{limit:100}) { name articles(pagination:{limit:100}) { title tags(pagination:{limit:100}) { name articles(pagination:{limit:100}) { title } } } } } }';
const FRAGMENT_BOMB = [
  'query { ...F0 }',
  ...Array.from({ length: 30 }, (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`),
  'fragment F30 on Query { articles { title } }',
].join(' ');
/** The attacker's address as the (declared) proxy in front of the server reports it; readers come from loopback. */
const ATTACKER = { 'x-forwarded-for': '203.0.113.66' };
const graphqlPost = (query: string) => ({
  method: 'POST' as const,
  path: '/graphql',
  body: JSON.stringify({ query }),
  headers: { 'content-type': 'application/json', ...ATTACKER },
});
const HOSTILE = [
  {
    method: 'GET' as const,
    path: '/api/articles?pagination[pageSize]=100&populate[tags][populate][articles]=true',
    headers: ATTACKER,
  },
  {
    method: 'GET' as const,
    path: '/api/tags?pagination[pageSize]=100000&populate[articles][populate]=*',
    headers: ATTACKER,
  },
  {
    method: 'GET' as const,
    path: '/api/articles?pagination[pageSize]=100&populate=*',
    headers: ATTACKER,
  },
  graphqlPost(DEEP_GRAPHQL),
  graphqlPost(
    `{ ${Array.from({ length: 100 }, (_, i) => `a${i}: articles(pagination:{limit:100}) { title }`).join(' ')} }`
  ),
  graphqlPost(FRAGMENT_BOMB),
];

type Message = { type: string; [key: string]: unknown };

/* ------------------------------------------------------------------ server (child process) */

async function runServer(): Promise<void> {
  const strapi = await createStrapi({
    appDir: APP_DIR,
    distDir: path.join(APP_DIR, 'dist'),
  }).load();
  const documents = strapi.documents('api::article.article');
  const tags: string[] = [];
  for (let index = 0; index < 5; index += 1)
    tags.push(
      (
        await strapi
          .documents('api::tag.tag')
          .create({ data: { name: `Bench tag ${index}` } as never })
      ).documentId
    );
  const counter = strapi.plugin('engagement').service('counter') as {
    record(event: object): Promise<boolean>;
    flush(): Promise<unknown>;
  };
  for (let index = 0; index < ARTICLES; index += 1) {
    const article = await documents.create({
      data: { title: `Bench article ${index}`, tags } as never,
      status: 'published',
    });
    // a few counted views each, so engagement figures are real rows
    for (let view = 0; view < index % 5; view += 1) {
      await counter.record({
        uid: 'api::article.article',
        documentId: article.documentId,
        metric: 'view',
        ip: `10.0.${index}.${view + 1}`,
        userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0 bench',
      });
    }
  }
  await counter.flush();
  strapi.server.mount();
  const server = strapi.server.httpServer;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  let peakRss = process.memoryUsage().rss;
  setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 50).unref();
  process.on('message', async (message: Message) => {
    if (message.type === 'rss') {
      // the peak since the last question, then start a new one
      process.send?.({ type: 'rss', now: process.memoryUsage().rss, peak: peakRss });
      peakRss = process.memoryUsage().rss;
    }
    if (message.type === 'stop') {
      await strapi.destroy();
      process.exit(0);
    }
  });
  process.send?.({
    type: 'ready',
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
  });
}

/* ------------------------------------------------------------------ driver (parent process) */

type Request = {
  method: 'GET' | 'POST';
  path: string;
  body?: string;
  headers?: Record<string, string>;
};

/** req/s and failures of one scenario; `vary` makes every request's query string unique (never cached). */
async function drive(url: string, request: Request, seconds: number, vary = false) {
  let sequence = 0;
  const requests = vary
    ? [
        {
          ...request,
          setupRequest: (req: Request) => ({
            ...req,
            path: `${request.path}&filters[title][$ne]=x${(sequence += 1)}`,
          }),
        },
      ]
    : [request];
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    requests: requests as autocannon.Request[],
  });
  return {
    rps: result.requests.total / result.duration,
    failed: result.non2xx + result.errors + result.timeouts,
  };
}

/** Hostile reads in a loop from {@link HOSTILE_CONNECTIONS} connections; resolves with how they were answered. */
async function attack(
  url: string,
  seconds: number
): Promise<{ requests: number; refused: number; served: number; other: number }> {
  const statuses = new Map<number, number>();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url, connections: HOSTILE_CONNECTIONS, duration: seconds, requests: HOSTILE },
      (error, done) => (error ? reject(error) : resolve(done))
    );
    instance.on('response', (_client, status) =>
      statuses.set(status, (statuses.get(status) ?? 0) + 1)
    );
  });
  const refused = [400, 403, 413, 429, 503].reduce(
    (sum, status) => sum + (statuses.get(status) ?? 0),
    0
  );
  const served = statuses.get(200) ?? 0;
  return {
    requests: result.requests.total,
    refused,
    served,
    other: result.requests.total - refused - served,
  };
}

/** The server's RSS now and its peak since the last call, in bytes. */
async function rss(child: ChildProcess): Promise<{ now: number; peak: number }> {
  const answer = await waitForMessage<Message>(child, 'rss', { type: 'rss' });
  return { now: Number(answer.now), peak: Number(answer.peak) };
}

/** Checks once that both endpoints answer the same 25 articles with engagement, so the ratio compares like with like. */
async function checkAnswers(baseUrl: string): Promise<void> {
  const rest = (await (await fetch(`${baseUrl}${REST_PATH}`)).json()) as {
    data: Array<{ documentId: string; engagement?: { views: number } }>;
  };
  const graphql = (await (
    await fetch(`${baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: GRAPHQL_QUERY }),
    })
  ).json()) as {
    data?: { articles: Array<{ documentId: string; engagement: { views: number } }> };
    errors?: unknown;
  };
  if (!graphql.data || rest.data.length !== PAGE || graphql.data.articles.length !== PAGE)
    throw new Error(`unexpected answers: ${JSON.stringify({ rest: rest.data.length, graphql })}`);
  const restViews = rest.data.reduce((sum, entry) => sum + (entry.engagement?.views ?? 0), 0);
  const graphqlViews = graphql.data.articles.reduce(
    (sum, entry) => sum + entry.engagement.views,
    0
  );
  if (restViews !== graphqlViews || restViews === 0)
    throw new Error(`engagement differs: REST ${restViews} views, GraphQL ${graphqlViews}`);
}

interface Figures {
  database: string;
  persistedOverCachedRest: number;
  graphqlOverRest: number;
  graphqlOverHealth: number;
  restOverHealth: number;
  health: number;
  rest: number;
  graphql: number;
  failed: number;
  underAttack: number;
  attackPeakRss: number;
  attack: { requests: number; refused: number; served: number; other: number };
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function benchDatabase(client: 'sqlite' | 'postgres'): Promise<Figures> {
  const database = await createTestDatabase(client);
  const env: NodeJS.ProcessEnv = serverEnv(database.env, {
    // the attacker's address comes from X-Forwarded-For, so its per-IP points run out as in production
    IS_PROXIED: 'true',
  });
  const child = forkServer(__filename, env);
  try {
    const baseUrl = String((await waitForMessage<Message>(child, 'ready')).baseUrl);
    await checkAnswers(baseUrl);
    // registers the persisted query (Apollo keeps its text by hash)
    const registered = await fetch(
      `${baseUrl}/graphql?query=${encodeURIComponent(GRAPHQL_QUERY)}&extensions=${encodeURIComponent(JSON.stringify({ persistedQuery: PERSISTED }))}`,
      { headers: PERSISTED_GET.headers }
    );
    if (!registered.ok)
      throw new Error(
        `persisted query not registered: ${registered.status} ${await registered.text()}`
      );
    const scenarios = {
      health: { request: { method: 'GET' as const, path: '/_health' } },
      rest: { request: { method: 'GET' as const, path: REST_PATH }, vary: true },
      graphql: {
        request: {
          method: 'POST' as const,
          path: '/graphql',
          body: JSON.stringify({ query: GRAPHQL_QUERY }),
          headers: { 'content-type': 'application/json' },
        },
      },
      cachedRest: { request: { method: 'GET' as const, path: REST_PATH } },
      persisted: { request: PERSISTED_GET },
    };
    await drive(baseUrl, scenarios.health.request, 2); // warm-up
    const rates: Record<keyof typeof scenarios, number[]> = {
      health: [],
      rest: [],
      graphql: [],
      cachedRest: [],
      persisted: [],
    };
    let failed = 0;
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const name of ['health', 'rest', 'graphql', 'cachedRest', 'persisted'] as const) {
        const { request, vary } = scenarios[name] as { request: Request; vary?: boolean };
        const run = await drive(baseUrl, request, SECONDS, vary);
        rates[name].push(run.rps);
        failed += run.failed;
      }
    }
    const ratio = (a: number[], b: number[]) => median(a.map((value, round) => value / b[round]));

    // Read budgets under attack: cached by-slug reads with and without hostile reads beside them.
    const slug = (
      (await (
        await fetch(`${baseUrl}/api/articles?fields[0]=slug&pagination[pageSize]=1`)
      ).json()) as { data: Array<{ slug: string }> }
    ).data[0].slug;
    const bySlug = { method: 'GET' as const, path: `/api/articles/by-slug/${slug}` };
    await drive(baseUrl, bySlug, 1); // fills the cache
    const quiet: number[] = [];
    const attacked: number[] = [];
    const answers = { requests: 0, refused: 0, served: 0, other: 0 };
    const idleRss = (await rss(child)).now;
    let peakRss = idleRss;
    for (let round = 0; round < ROUNDS; round += 1) {
      quiet.push((await drive(baseUrl, bySlug, SECONDS)).rps);
      await rss(child);
      const [read, hostile] = await Promise.all([
        drive(baseUrl, bySlug, SECONDS),
        attack(baseUrl, SECONDS),
      ]);
      attacked.push(read.rps);
      peakRss = Math.max(peakRss, (await rss(child)).peak);
      for (const key of Object.keys(answers) as Array<keyof typeof answers>)
        answers[key] += hostile[key];
    }
    return {
      database: client,
      persistedOverCachedRest: ratio(rates.persisted, rates.cachedRest),
      graphqlOverRest: ratio(rates.graphql, rates.rest),
      graphqlOverHealth: ratio(rates.graphql, rates.health),
      restOverHealth: ratio(rates.rest, rates.health),
      health: median(rates.health),
      rest: median(rates.rest),
      graphql: median(rates.graphql),
      failed,
      underAttack: median(attacked.map((value, round) => value / quiet[round])),
      attackPeakRss: peakRss / idleRss,
      attack: answers,
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
    process.stdout.write(
      `Measuring on ${client} (${ROUNDS} rounds of ${SECONDS} s per scenario, ${CONNECTIONS} connections)…\n`
    );
    results.push(await benchDatabase(client));
  }
  const fmt = (value: number, digits = 2) => value.toFixed(digits);
  const rows: Array<Row<Figures>> = [
    [
      `persisted GraphQL GET ${PAGE} articles + engagement ÷ cached REST`,
      (f) => fmt(f.persistedOverCachedRest),
      '≥ 0.80',
    ],
    [`uncached GraphQL ÷ uncached REST equivalent`, (f) => fmt(f.graphqlOverRest)],
    ['  GraphQL ÷ /_health', (f) => fmt(f.graphqlOverHealth)],
    ['  uncached REST ÷ /_health', (f) => fmt(f.restOverHealth)],
    ['  /_health req/s (median)', (f) => fmt(f.health, 0)],
    ['  uncached REST req/s (median)', (f) => fmt(f.rest, 0)],
    ['  uncached GraphQL req/s (median)', (f) => fmt(f.graphql, 0)],
    ['  failed requests', (f) => String(f.failed)],
    ['cached by-slug under hostile reads ÷ quiet', (f) => fmt(f.underAttack), '≥ 0.80'],
    ['  server peak RSS under attack ÷ before', (f) => fmt(f.attackPeakRss), '< 2'],
    [
      '  hostile requests: refused / served / other',
      (f) => `${f.attack.refused} / ${f.attack.served} / ${f.attack.other}`,
    ],
  ];
  printTable(rows, results, 14);
}

runBenchmark(main, runServer);
