/**
 * `npm run bench:engagement`: starts the app as a real HTTP server in a child process (SQLite, and
 * PostgreSQL when reachable), drives it with autocannon, and prints ratios measured side by side in one run:
 *   - POST view req/s ÷ GET /_health req/s on the same server (target ≥ 0.8)
 *   - views on one article ÷ views spread over 1,000 articles (target ≥ 0.9: no hot-row collapse)
 *   - SQL statements per 1,000 counted views (target ≤ 10; knex `query` events in the server process)
 *   - views counted ÷ views sent, distinct visitors (must be exactly 1)
 *   - under a flood of distinct spoofed visitors (SQLite server only): RSS after 1,000,000 ÷ RSS after
 *     10,000 (target ≤ 1.5), and view req/s ÷ /_health req/s while the dedupe table is full (target ≥ 0.8).
 *     The 1,000,000 visitors are fed to the counter service inside the server process (bot filter, HMAC
 *     visitor key, dedupe table, buffer: everything but HTTP, which would take minutes at this volume);
 *     the throughput part goes over HTTP, every request with its own X-Forwarded-For address.
 * Throughput runs last BENCH_SECONDS (default 2) each, in BENCH_ROUNDS rounds (default 7) of health,
 * one article, 1,000 articles; each ratio is taken within a round and the median round is printed, so
 * load bursts from other processes on a shared machine hit both sides of a ratio. The exactness run sends BENCH_REQUESTS
 * (default 5000) views to completion. BENCH_CONNECTIONS (default 50); BENCH_SQLITE_ONLY=1 skips PostgreSQL.
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
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
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 5000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 2);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const ARTICLES = 1000;
/** Spoofed visitors of the flood: RSS is compared after FLOOD_SMALL and after FLOOD_LARGE of them. */
const FLOOD_SMALL = 10_000;
const FLOOD_LARGE = 1_000_000;
const FLOOD_AGENT =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36 flood';

type Message = { type: string; [key: string]: unknown };

/* ------------------------------------------------------------------ server (child process) */

async function runServer(): Promise<void> {
  const strapi = await createStrapi({
    appDir: APP_DIR,
    distDir: path.join(APP_DIR, 'dist'),
  }).load();

  // 1,000 published articles, written in bulk (a draft and a published row each, as Strapi keeps them).
  const now = new Date();
  const rows = Array.from({ length: ARTICLES }, (_, index) => ({
    documentId: `bench${String(index).padStart(6, '0')}${randomBytes(6).toString('hex')}`,
    index,
  }));
  for (let start = 0; start < rows.length; start += 200) {
    const chunk = rows.slice(start, start + 200);
    const data = chunk.flatMap(({ documentId, index }) => [
      {
        documentId,
        title: `Bench article ${index}`,
        slug: `bench-article-${index}`,
        publishedAt: null,
      },
      {
        documentId,
        title: `Bench article ${index}`,
        slug: `bench-article-${index}`,
        publishedAt: now,
      },
    ]);
    await strapi.db.query('api::article.article').createMany({ data });
  }
  await (
    strapi.plugin('engagement').service('published-cache') as { load(): Promise<void> }
  ).load();

  let queries = 0;
  strapi.db.connection.on('query', () => {
    queries += 1;
  });

  strapi.server.mount();
  const server = strapi.server.httpServer;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const counter = strapi.plugin('engagement').service('counter') as { flush(): Promise<unknown> };

  process.on('message', async (message: Message) => {
    if (message.type === 'reset-queries') {
      queries = 0;
      process.send?.({ type: 'queries-reset' });
    } else if (message.type === 'flush-and-count') {
      await counter.flush();
      const counted = await strapi.db
        .getConnection('engagement_totals')
        .where({ metric: 'view' })
        .sum({ views: 'count' })
        .first();
      process.send?.({
        type: 'counted',
        queries,
        views: Number((counted as { views?: number | string })?.views ?? 0),
      });
    } else if (message.type === 'flood') {
      // Distinct visitors by address (10.x.y.z, then onwards), one user agent, all on one article.
      const counterService = strapi.plugin('engagement').service('counter') as {
        record(event: object): Promise<boolean>;
      };
      const from = Number(message.from);
      let counted = 0;
      for (let index = from; index < from + Number(message.count); index += 1) {
        const ip = `10.${(index >> 16) & 255}.${(index >> 8) & 255}.${index & 255}`;
        if (
          await counterService.record({
            uid: 'api::article.article',
            documentId: rows[0].documentId,
            metric: 'view',
            ip,
            userAgent: FLOOD_AGENT,
          })
        )
          counted += 1;
        if (index % 50_000 === 0) await new Promise((resolve) => setImmediate(resolve));
      }
      process.send?.({ type: 'flooded', counted, rss: process.memoryUsage().rss });
    } else if (message.type === 'stop') {
      await strapi.destroy();
      process.exit(0);
    }
  });
  process.send?.({
    type: 'ready',
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    documentIds: rows.map((row) => row.documentId),
  });
}

/* ------------------------------------------------------------------ driver (parent process) */

let visitor = 0;
/** A browser user agent, different for every request: every view is a distinct visitor. */
const nextAgent = () =>
  `Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36 v${(visitor += 1)}`;

/**
 * Drives `paths` in turn: for `seconds` (throughput) or until `amount` requests completed (exactness).
 * Every request gets a fresh user agent, so every view is a distinct visitor, and every scenario does the
 * same client-side work, so the ratios compare the server.
 */
async function drive(
  url: string,
  method: 'GET' | 'POST',
  paths: readonly string[],
  limit: { seconds: number } | { amount: number },
  spoof = false
): Promise<{ rps: number; ok: number; other: number }> {
  let next = 0;
  let address = 1 << 24;
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    ...('seconds' in limit ? { duration: limit.seconds } : { amount: limit.amount }),
    requests: [
      {
        method,
        setupRequest: (req) => {
          const target = paths[next % paths.length];
          next += 1;
          // with `spoof`, a distinct client address per request (11.x.y.z), as a flood behind a trusting proxy sends them
          address += spoof ? 1 : 0;
          const spoofed = spoof
            ? {
                'x-forwarded-for': `11.${(address >> 16) & 255}.${(address >> 8) & 255}.${address & 255}`,
              }
            : {};
          return {
            ...req,
            path: target,
            headers: { ...req.headers, 'user-agent': nextAgent(), ...spoofed },
          };
        },
      },
    ],
  });
  return {
    rps: result.requests.total / result.duration,
    ok: result['2xx'],
    other: result.non2xx + result.errors + result.timeouts,
  };
}

interface Figures {
  database: string;
  /** Median over rounds of (view req/s ÷ /_health req/s) measured in the same round. */
  viewOverHealth: number;
  /** Median over rounds of (one article ÷ 1,000 articles) measured in the same round. */
  oneOverSpread: number;
  health: number;
  viewOne: number;
  viewSpread: number;
  statementsPer1000: number;
  countedOverSent: number;
  /** Flood figures (first database only). */
  flood?: { rssSmall: number; rssLarge: number; countedLarge: number; viewOverHealth: number };
  sent: number;
  counted: number;
  failed: number;
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * RSS after FLOOD_SMALL and FLOOD_LARGE distinct spoofed visitors, then view req/s ÷ /_health req/s
 * over HTTP with a distinct X-Forwarded-For per request while the dedupe table is full.
 */
async function benchFlood(
  child: ChildProcess,
  baseUrl: string,
  viewPath: string
): Promise<NonNullable<Figures['flood']>> {
  const small = await waitForMessage<Message>(child, 'flooded', {
    type: 'flood',
    from: 0,
    count: FLOOD_SMALL,
  });
  const large = await waitForMessage<Message>(child, 'flooded', {
    type: 'flood',
    from: FLOOD_SMALL,
    count: FLOOD_LARGE - FLOOD_SMALL,
  });
  const ratios: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    const health = await drive(baseUrl, 'GET', ['/_health'], { seconds: SECONDS }, true);
    const views = await drive(baseUrl, 'POST', [viewPath], { seconds: SECONDS }, true);
    ratios.push(views.rps / health.rps);
  }
  return {
    rssSmall: Number(small.rss),
    rssLarge: Number(large.rss),
    countedLarge: Number(small.counted) + Number(large.counted),
    viewOverHealth: median(ratios),
  };
}

async function benchDatabase(client: 'sqlite' | 'postgres', withFlood: boolean): Promise<Figures> {
  const database = await createTestDatabase(client);
  const env: NodeJS.ProcessEnv = serverEnv(database.env, {
    // One client address sends everything here: the per-IP limit would stop the run.
    ENGAGEMENT_RATE_LIMIT_MAX: '0',
    // The flood's spoofed addresses arrive in X-Forwarded-For.
    IS_PROXIED: 'true',
  });
  const child = forkServer(
    __filename,
    env,
    process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []
  );
  try {
    const ready = await waitForMessage<Message>(child, 'ready');
    const baseUrl = String(ready.baseUrl);
    const ids = ready.documentIds as string[];
    const viewPath = (id: string) => `/api/engagement/article/${id}/view`;

    const seconds = { seconds: SECONDS };
    await drive(baseUrl, 'GET', ['/_health'], { seconds: 2 }); // warm-up
    await waitForMessage<Message>(child, 'queries-reset', { type: 'reset-queries' });
    const rates = { health: [] as number[], one: [] as number[], spread: [] as number[] };
    let failed = 0;
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const [name, method, paths] of [
        ['health', 'GET', ['/_health']],
        ['one', 'POST', [viewPath(ids[0])]],
        ['spread', 'POST', ids.map(viewPath)],
      ] as const) {
        const run = await drive(baseUrl, method, paths, seconds);
        rates[name].push(run.rps);
        failed += run.other;
      }
    }
    // Exactness: the views of the throughput runs were counted too, so count before and after.
    const before = await waitForMessage<Message>(child, 'counted', { type: 'flush-and-count' });
    const exact = await drive(baseUrl, 'POST', ids.map(viewPath), { amount: REQUESTS });
    const after = await waitForMessage<Message>(child, 'counted', { type: 'flush-and-count' });
    const sent = exact.ok;
    const views = Number(after.views) - Number(before.views);
    const flood = withFlood ? await benchFlood(child, baseUrl, viewPath(ids[0])) : undefined;
    return {
      flood,
      database: client,
      health: median(rates.health),
      viewOne: median(rates.one),
      viewSpread: median(rates.spread),
      viewOverHealth: median(rates.one.map((one, round) => one / rates.health[round])),
      oneOverSpread: median(rates.one.map((one, round) => one / rates.spread[round])),
      // Every statement the server issued while counting (throughput and exactness runs, all flushes).
      statementsPer1000: (Number(after.queries) / Math.max(1, Number(after.views))) * 1000,
      countedOverSent: views / Math.max(1, sent),
      sent,
      counted: views,
      failed: failed + exact.other,
    };
  } finally {
    child.send({ type: 'stop' });
    await new Promise((resolve) => child.once('exit', resolve));
    await database.drop();
  }
}

const fmt = (value: number, digits = 2) => value.toFixed(digits);

async function main(): Promise<void> {
  process.stdout.write('Compiling the app…\n');
  await compileStrapi({ appDir: APP_DIR });
  const clients: Array<'sqlite' | 'postgres'> = ['sqlite'];
  if (process.env.BENCH_SQLITE_ONLY)
    process.stdout.write('BENCH_SQLITE_ONLY is set: measuring SQLite only.\n');
  else if (await postgresReachable()) clients.push('postgres');
  else process.stdout.write('PostgreSQL is not reachable: measuring SQLite only.\n');

  const results: Figures[] = [];
  for (const client of clients) {
    process.stdout.write(
      `Measuring on ${client} (${ROUNDS} rounds of ${SECONDS} s per scenario, ${CONNECTIONS} connections, then ${REQUESTS} views to completion)…\n`
    );
    results.push(await benchDatabase(client, results.length === 0));
  }

  const rows: Array<Row<Figures>> = [
    ['view req/s ÷ /_health req/s', (f) => fmt(f.viewOverHealth), '≥ 0.80'],
    ['one article ÷ 1,000 articles', (f) => fmt(f.oneOverSpread), '≥ 0.90'],
    ['SQL statements per 1,000 counted views', (f) => fmt(f.statementsPer1000, 1), '≤ 10'],
    [
      'views counted ÷ views sent',
      (f) =>
        `${f.countedOverSent === 1 ? '1' : fmt(f.countedOverSent, 6)} (${f.counted}/${f.sent})`,
      '= 1',
    ],
    ['  /_health req/s (median)', (f) => fmt(f.health, 0), ''],
    ['  view req/s, one article (median)', (f) => fmt(f.viewOne, 0), ''],
    ['  view req/s, 1,000 articles (median)', (f) => fmt(f.viewSpread, 0), ''],
    ['  failed requests', (f) => String(f.failed), '0'],
    [
      `flood: RSS after ${FLOOD_LARGE.toLocaleString('en')} ÷ after ${FLOOD_SMALL.toLocaleString('en')} visitors`,
      (f) => (f.flood ? fmt(f.flood.rssLarge / f.flood.rssSmall) : '–'),
      '≤ 1.50',
    ],
    [
      'flood: view req/s ÷ /_health req/s, table full',
      (f) => (f.flood ? fmt(f.flood.viewOverHealth) : '–'),
      '≥ 0.80',
    ],
    [
      '  RSS MB after the small / large flood',
      (f) =>
        f.flood
          ? `${fmt(f.flood.rssSmall / 2 ** 20, 0)} / ${fmt(f.flood.rssLarge / 2 ** 20, 0)}`
          : '–',
      '',
    ],
    [
      '  flood visitors counted (cap: dedupeMaxVisitors)',
      (f) => (f.flood ? String(f.flood.countedLarge) : '–'),
      '',
    ],
  ];
  printTable(rows, results, 22);
}

runBenchmark(main, runServer);
