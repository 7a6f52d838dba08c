/**
 * `npm run bench:frontend`: the reference frontend's article page against the API it reads. Starts the
 * app in production mode on a throwaway SQLite database with the demo content (covers, credits, tags,
 * translations) and the response cache on, and the frontend's production server (`next start`; build it
 * first with `npm run build:frontend`) reading it, on the same machine, then prints:
 *   - article page req/s ÷ the API's cached GET /api/articles/by-slug/:slug req/s (same connections,
 *     alternating rounds, median)
 *   - the page's HTML size (and gzipped)
 *   - API requests per page render (through a counting proxy in front of Strapi; goal: the article, plus
 *     its comment thread)
 * Each throughput run lasts BENCH_SECONDS (default 4), BENCH_ROUNDS rounds (default 3), BENCH_CONNECTIONS
 * (default 10).
 */
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { compileStrapi, createStrapi } from '@strapi/strapi';
import autocannon from 'autocannon';
import { seedDemoContent } from '../src/seed';
import { createTestDatabase } from '../tests/helpers/database';
import { waitForMessage } from '../tests/helpers/child-messages';
import { startFrontend } from '../tests/helpers/frontend';
import { forkServer, runBenchmark, serveUntilStopped, serverEnv } from './support';

const APP_DIR = path.join(__dirname, '..');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const RENDERS = 20;

type Message = { type: string; [key: string]: unknown };

/* ------------------------------------------------------------------ server (child process) */

async function runServer(): Promise<void> {
  const strapi = await createStrapi({
    appDir: APP_DIR,
    distDir: path.join(APP_DIR, 'dist'),
  }).load();
  await seedDemoContent(strapi);
  const article = (await strapi.documents('api::article.article').findFirst({
    status: 'published',
    filters: { cover: { id: { $notNull: true } } },
    fields: ['slug'],
  })) as unknown as { slug: string } | null;
  if (!article) throw new Error('the demo content has no article with a cover');
  await serveUntilStopped(strapi, { slug: article.slug });
}

/* ------------------------------------------------------------------ driver (parent process) */

async function rps(url: string): Promise<number> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS });
  const wrong = result.requests.total - result['2xx'] + result.errors + result.timeouts;
  if (wrong > 0) throw new Error(`${url}: ${wrong} of ${result.requests.total} requests failed`);
  return result.requests.total / result.duration;
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** A proxy in front of Strapi that counts the requests going through it. */
async function countingProxy(
  target: string
): Promise<{ url: string; count: () => number; close(): Promise<void> }> {
  const upstream = new URL(target);
  let count = 0;
  const server: Server = createServer((req, res) => {
    count += 1;
    const forward = httpRequest(
      {
        host: upstream.hostname,
        port: upstream.port,
        path: req.url,
        method: req.method,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      }
    );
    forward.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    count: () => count,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function main(): Promise<void> {
  process.stdout.write('Compiling the app…\n');
  await compileStrapi({ appDir: APP_DIR });
  const database = await createTestDatabase('sqlite');
  const child = forkServer(
    __filename,
    serverEnv(database.env, {
      ENGAGEMENT_RATE_LIMIT_MAX: '0',
      RESPONSE_CACHE: 'true',
      RESPONSE_CACHE_REDIS_URL: '',
      READ_RATE_LIMIT: '0',
    })
  );
  try {
    const ready = await waitForMessage<Message>(child, 'ready');
    const strapiUrl = String(ready.baseUrl);
    const slug = String(ready.slug);
    const proxy = await countingProxy(strapiUrl);
    const site = await startFrontend({ strapiUrl, port: 3190 });
    const counted = await startFrontend({
      strapiUrl: proxy.url,
      port: 3191,
      env: { PUBLIC_STRAPI_URL: strapiUrl },
    });
    try {
      const pageUrl = `${site.url}/en/articles/${slug}`;
      const apiUrl = `${strapiUrl}/api/articles/by-slug/${slug}`;
      const html = await (await fetch(pageUrl)).text();
      if (!html.includes('<h1>')) throw new Error(`the page did not render: ${html.slice(0, 300)}`);

      // API requests per render, through the counting proxy
      await fetch(`${counted.url}/en/articles/${slug}`).then((res) => res.text());
      const before = proxy.count();
      for (let i = 0; i < RENDERS; i += 1)
        await fetch(`${counted.url}/en/articles/${slug}`).then((res) => res.text());
      const perRender = (proxy.count() - before) / RENDERS;

      // warm both, then alternate rounds
      await rps(pageUrl);
      await rps(apiUrl);
      const pages: number[] = [];
      const apis: number[] = [];
      for (let round = 0; round < ROUNDS; round += 1) {
        pages.push(await rps(pageUrl));
        apis.push(await rps(apiUrl));
      }
      const page = median(pages);
      const api = median(apis);
      const rows: Array<[string, string]> = [
        ['article page req/s', page.toFixed(0)],
        ['API cached by-slug req/s', api.toFixed(0)],
        ['page ÷ API (ratio)', (page / api).toFixed(3)],
        ['page HTML size (bytes)', String(Buffer.byteLength(html))],
        ['page HTML gzipped (bytes)', String(gzipSync(html).length)],
        ['API requests per page render', perRender.toFixed(2)],
      ];
      const width = Math.max(...rows.map(([label]) => label.length)) + 2;
      process.stdout.write(
        `\n${CONNECTIONS} connections, ${SECONDS} s × ${ROUNDS} rounds (median)\n` +
          rows.map(([label, value]) => label.padEnd(width) + value).join('\n') +
          '\n'
      );
    } finally {
      await site.stop();
      await counted.stop();
      await proxy.close();
    }
  } finally {
    child.send({ type: 'stop' });
    await new Promise((resolve) => child.once('exit', resolve));
    await database.drop();
  }
}

runBenchmark(main, runServer);
