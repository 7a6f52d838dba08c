/**
 * `npm run bench:comments`: the comments plugin's read and write paths, measured side by side in one run
 * on a real HTTP server in a child process (SQLite), twice on the same database: response cache off, then
 * on (in memory). Prints:
 *   - a thread of 500 comments over 3 levels (100 top-level, each with 2 replies and 2 answers to those):
 *     GET of its first page req/s ÷ GET /_health req/s on the same server, uncached and cached;
 *   - SQL statements of one thread read (target ≤ 3; the plugin's, counted in the server with knex's
 *     `query` event; Strapi's Users & Permissions check of the Public role is counted apart);
 *   - GET /api/articles?pageSize=N with `comments.count`: SQL statements per request at N = 5 and N = 25
 *     (target: the same at both, i.e. no query per article);
 *   - posting a comment with a precomputed valid proof-of-work solution: mean latency ÷ the mean latency of
 *     counting a view (POST /api/engagement/article/:documentId/view), sequentially, BENCH_POSTS (default
 *     200) of each.
 * Throughput runs last BENCH_SECONDS (default 2) each, BENCH_ROUNDS rounds (default 5), BENCH_CONNECTIONS
 * (default 50); the median round's ratio is printed.
 */
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { compileStrapi, createStrapi } from '@strapi/strapi';
import { solveChallenge, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import autocannon from 'autocannon';
import { createTestDatabase, type TestDatabase } from '../tests/helpers/database';
import { waitForMessage } from '../tests/helpers/child-messages';
import { forkServer, runBenchmark, serveUntilStopped, serverEnv } from './support';

const APP_DIR = path.join(__dirname, '..');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 2);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const POSTS = Number(process.env.BENCH_POSTS ?? 200);
const LIST_ARTICLES = 25;
const COMMENT_UID = 'plugin::reader-comments.comment';

type Message = { type: string; [key: string]: unknown };
const out = (line = '') => process.stdout.write(`${line}\n`);
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/* ------------------------------------------------------------------ server (child process) */

async function runServer(): Promise<void> {
  const strapi = await createStrapi({
    appDir: APP_DIR,
    distDir: path.join(APP_DIR, 'dist'),
  }).load();
  const articles = strapi.documents('api::article.article');
  if (process.env.BENCH_SEED === '1') {
    const threadArticle = await articles.create({
      data: { title: 'Bench thread' } as never,
      status: 'published',
    });
    const comments = strapi.db.query(COMMENT_UID as never);
    const base = {
      subjectType: 'api::article.article',
      subjectId: threadArticle.documentId,
      subjectLocale: threadArticle.locale ?? '',
      status: 'approved',
      authorKey: 'bench',
      authorName: 'Bench reader',
    };
    for (let root = 0; root < 100; root += 1) {
      const top = (await comments.create({
        data: {
          ...base,
          text: `Top-level comment ${root}: ${'words '.repeat(30)}`,
          depth: 0,
          replyCount: 4,
        },
      })) as { id: number };
      for (let reply = 0; reply < 2; reply += 1) {
        const second = (await comments.create({
          data: {
            ...base,
            text: `Reply ${reply} to ${root}`,
            depth: 1,
            parentId: top.id,
            rootId: top.id,
          },
        })) as { id: number };
        await comments.create({
          data: {
            ...base,
            text: `Answer to reply ${reply} of ${root}`,
            depth: 2,
            parentId: second.id,
            rootId: top.id,
          },
        });
      }
    }
    await strapi.db.transaction(async (tx) => {
      await strapi
        .plugin('reader-comments')
        .service('counts')
        .recount(tx, {
          uid: 'api::article.article',
          documentId: threadArticle.documentId,
          locale: threadArticle.locale ?? '',
        });
    });
    for (let index = 0; index < LIST_ARTICLES; index += 1)
      await articles.create({
        data: { title: `Bench listed ${index}` } as never,
        status: 'published',
      });
  }
  const thread = (await articles.findFirst({
    filters: { title: 'Bench thread' },
    fields: ['documentId'],
    status: 'published',
  })) as unknown as { documentId: string };
  const listed = (await articles.findMany({
    filters: { title: { $startsWith: 'Bench listed ' } },
    fields: ['documentId'],
    status: 'published',
    limit: LIST_ARTICLES,
  })) as unknown as Array<{ documentId: string }>;

  let statements: string[] = [];
  strapi.db.connection.on('query', (query: { sql: string }) => statements.push(query.sql));
  await serveUntilStopped(
    strapi,
    { thread: thread.documentId, listed: listed.map((entry) => entry.documentId) },
    (message) => {
      if (message.type === 'count-start') {
        statements = [];
        process.send?.({ type: 'counting' });
      } else if (message.type === 'count-read') {
        const own = statements.filter((sql) => !/\bup_(permissions|roles)\b/.test(sql));
        process.send?.({ type: 'counted', own: own.length, all: statements.length });
      }
    }
  );
}

/* ------------------------------------------------------------------ driver (parent process) */

interface ServerHandle {
  child: ChildProcess;
  baseUrl: string;
  thread: string;
  listed: string[];
  /** SQL statements (the plugin's own, and all) while `request` runs. */
  statementsOf(request: () => Promise<unknown>): Promise<{ own: number; all: number }>;
  stop(): Promise<void>;
}

async function startServer(
  database: TestDatabase,
  cache: boolean,
  seed: boolean
): Promise<ServerHandle> {
  const env: NodeJS.ProcessEnv = serverEnv(database.env, {
    ENGAGEMENT_RATE_LIMIT_MAX: '0',
    ENGAGEMENT_DEDUPE_WINDOW_SECONDS: '0',
    RESPONSE_CACHE: String(cache),
    RESPONSE_CACHE_REDIS_URL: '',
    READ_RATE_LIMIT: '0',
    // Posting: the cheapest proof of work to precompute (the server checks a solution with one HMAC
    // whatever its cost), no fill-time wait, limits out of the way.
    COMMENTS_ALTCHA_COST: '1',
    COMMENTS_ALTCHA_MAX_NUMBER: '20',
    COMMENTS_MIN_FILL_SECONDS: '0',
    COMMENTS_RATE_LIMIT_ADDRESS: '1000000',
    BENCH_SEED: seed ? '1' : '0',
  });
  const child = forkServer(__filename, env);
  const ready = await waitForMessage<Message>(child, 'ready');
  return {
    child,
    baseUrl: String(ready.baseUrl),
    thread: String(ready.thread),
    listed: ready.listed as string[],
    async statementsOf(request) {
      const started = waitForMessage<Message>(child, 'counting');
      child.send({ type: 'count-start' });
      await started;
      await request();
      const counted = waitForMessage<Message>(child, 'counted');
      child.send({ type: 'count-read' });
      const reply = await counted;
      return { own: Number(reply.own), all: Number(reply.all) };
    },
    async stop() {
      child.send({ type: 'stop' });
      await new Promise((resolve) => child.once('exit', resolve));
    },
  };
}

async function rps(url: string): Promise<number> {
  await fetch(url.replace(/(https?:\/\/[^/]+).*/, '$1/_health'));
  const result = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS });
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${url}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  return result.requests.total / result.duration;
}

/** Median over ROUNDS of (thread req/s ÷ /_health req/s). */
async function threadRatio(server: ServerHandle): Promise<number> {
  const threadUrl = `${server.baseUrl}/api/reader-comments/article/${server.thread}`;
  const ratios: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    const health = await rps(`${server.baseUrl}/_health`);
    ratios.push((await rps(threadUrl)) / health);
  }
  return median(ratios);
}

/** A solved challenge's payload, as the ALTCHA widget sends it. */
async function payloadFor(baseUrl: string, documentId: string): Promise<string> {
  const challenge = (await (
    await fetch(`${baseUrl}/api/reader-comments/article/${documentId}/challenge`)
  ).json()) as Challenge;
  const solution = await solveChallenge({ challenge, deriveKey });
  return Buffer.from(
    JSON.stringify({
      challenge: { parameters: challenge.parameters, signature: challenge.signature },
      solution,
    })
  ).toString('base64');
}

/** Mean ms of `count` sequential requests made by `send(index)`, each expected to answer `status`. */
async function meanLatency(
  count: number,
  status: number,
  send: (index: number) => Promise<Response>
): Promise<number> {
  const start = performance.now();
  for (let index = 0; index < count; index += 1) {
    const res = await send(index);
    if (res.status !== status)
      throw new Error(`expected ${status}, got ${res.status}: ${await res.text()}`);
    await res.arrayBuffer();
  }
  return (performance.now() - start) / count;
}

async function main(): Promise<void> {
  await compileStrapi({ appDir: APP_DIR });
  const database = await createTestDatabase();
  try {
    const uncached = await startServer(database, false, true);
    let uncachedRatio: number;
    let threadStatements: { own: number; all: number };
    const listStatements: Record<number, { own: number; all: number }> = {};
    let postRatio: { post: number; view: number };
    try {
      const threadUrl = `${uncached.baseUrl}/api/reader-comments/article/${uncached.thread}`;
      const first = (await (await fetch(threadUrl)).json()) as {
        data: unknown[];
        meta: { count: number };
      };
      if (first.meta.count !== 500 || first.data.length !== 20)
        throw new Error(
          `unexpected thread: count ${first.meta.count}, ${first.data.length} on the page`
        );
      threadStatements = await uncached.statementsOf(() =>
        fetch(threadUrl).then((res) => res.arrayBuffer())
      );
      for (const size of [5, LIST_ARTICLES]) {
        const url = `${uncached.baseUrl}/api/articles?filters[title][$startsWith]=Bench%20listed&pagination[pageSize]=${size}`;
        const body = (await (await fetch(url)).json()) as {
          data: Array<{ comments?: { count: number } }>;
        };
        if (body.data.length !== size || body.data.some((entry) => entry.comments?.count !== 0))
          throw new Error(`the list of ${size} lacks comments.count`);
        listStatements[size] = await uncached.statementsOf(() =>
          fetch(url).then((res) => res.arrayBuffer())
        );
      }
      uncachedRatio = await threadRatio(uncached);

      const targets = uncached.listed;
      const payloads: string[] = [];
      for (let index = 0; index < POSTS; index += 1)
        payloads.push(await payloadFor(uncached.baseUrl, targets[index % targets.length]));
      const post = await meanLatency(POSTS, 201, (index) =>
        fetch(
          `${uncached.baseUrl}/api/reader-comments/article/${targets[index % targets.length]}`,
          {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({
              text: `Bench comment ${index}`,
              author: { name: 'Bench', email: `bench${index}@example.com` },
              altcha: payloads[index],
            }),
          }
        )
      );
      const view = await meanLatency(POSTS, 202, (index) =>
        fetch(
          `${uncached.baseUrl}/api/engagement/article/${targets[index % targets.length]}/view`,
          {
            method: 'POST',
            headers: {
              'User-Agent':
                'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36',
              'Sec-Fetch-Dest': 'document',
            },
          }
        )
      );
      postRatio = { post, view };
    } finally {
      await uncached.stop();
    }
    const cached = await startServer(database, true, false);
    let cachedRatio: number;
    try {
      cachedRatio = await threadRatio(cached);
    } finally {
      await cached.stop();
    }

    out('');
    out(`comments, SQLite, ${CONNECTIONS} connections, median of ${ROUNDS} rounds of ${SECONDS} s`);
    out(
      `thread of 500 comments (first page) ÷ /_health, uncached       ${uncachedRatio.toFixed(2)}`
    );
    out(`thread of 500 comments (first page) ÷ /_health, cached         ${cachedRatio.toFixed(2)}`);
    out(
      `SQL statements per thread read (+ Strapi's permission check)   ${threadStatements.own} (+${threadStatements.all - threadStatements.own})   target ≤ 3`
    );
    out(
      `SQL statements per article list, 5 / 25 articles                ${listStatements[5].all} / ${listStatements[LIST_ARTICLES].all}   target: equal`
    );
    out(
      `posting a comment ÷ counting a view (mean latency)             ${(postRatio.post / postRatio.view).toFixed(2)}   (${postRatio.post.toFixed(1)} ms / ${postRatio.view.toFixed(1)} ms)`
    );
  } finally {
    await database.drop();
  }
}

runBenchmark(main, runServer);
