/**
 * `npm run bench:api`: the public read path with and without the response cache. For SQLite, and
 * PostgreSQL when reachable, it starts the app as a real HTTP server in a child process twice on the same
 * database (RESPONSE_CACHE=false, then the cache on, in memory) and prints ratios against GET /_health
 * measured on the same server in the same round:
 *   - GET /api/articles/by-slug/:slug req/s ÷ /_health, uncached and cached (target ≥ 0.7 cached);
 *     the article is a tracked type, so every cached answer still reads its live engagement counts
 *   - the same by-slug request with a matching If-None-Match (304) ÷ /_health (target ≥ 0.8)
 *   - GET /api/articles?populate=* ÷ /_health, uncached and cached
 *   - correctness (cached server): 50 writes from the Content Manager's admin API (alternately an article
 *     edit published and a rename of its tag), each followed by 20 reads of two cached URLs, while other
 *     reads run during the write; a read after the write's response returned that misses the write is
 *     stale (target 0)
 *   - a newsroom at work (cached server): 300 published articles read by slug in a Zipf spread (a few
 *     popular, a long tail); req/s while an editor saves a draft of another article every second through
 *     the Content Manager ÷ req/s quiet (target ≥ 0.9), and while an editor publishes an update of one of
 *     the 300 every 5 seconds ÷ quiet (target ≥ 0.8); after each write returned, a read of what it changed
 *     (the draft must not show, the publish must) is stale when it does not (target 0)
 * Each throughput run lasts BENCH_SECONDS (default 2), BENCH_ROUNDS rounds (default 5), BENCH_CONNECTIONS
 * (default 50); the median round's ratio is printed. The newsroom runs last BENCH_EDIT_SECONDS (default 10)
 * in BENCH_EDIT_ROUNDS rounds (default 2) of quiet, drafts, publishes, quiet. BENCH_SQLITE_ONLY=1 skips
 * PostgreSQL, BENCH_POSTGRES_ONLY=1 SQLite; BENCH_NEWSROOM_ONLY=1 measures only the newsroom (and seeds no uncached run).
 */
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { compileStrapi, createStrapi } from '@strapi/strapi';
import autocannon from 'autocannon';
import { createTestDatabase, type TestDatabase } from '../tests/helpers/database';
import { waitForMessage } from '../tests/helpers/child-messages';
import {
  postgresReachable,
  printTable,
  type Row,
  forkServer,
  runBenchmark,
  serveUntilStopped,
  serverEnv,
} from './support';

const APP_DIR = path.join(__dirname, '..');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 2);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const EDIT_SECONDS = Number(process.env.BENCH_EDIT_SECONDS ?? 10);
const EDIT_ROUNDS = Number(process.env.BENCH_EDIT_ROUNDS ?? 2);
const NEWSROOM_ONLY = Boolean(process.env.BENCH_NEWSROOM_ONLY);
/** Published articles, all read in the newsroom's Zipf spread. */
const ARTICLES = 300;
/** The article the newsroom's editor saves drafts of: published, not among the ones read. */
const DRAFT_TARGET = 'Bench editor draft';
const DRAFT_SAVE_EVERY_MS = 1000;
const PUBLISH_EVERY_MS = 5000;
const WRITES = 50;
const READS_PER_WRITE = 20;
const ADMIN = {
  firstname: 'Bench',
  lastname: 'Admin',
  email: 'bench@example.com',
  password: 'Bench-Passw0rd!',
};

type Message = { type: string; [key: string]: unknown };

/* ------------------------------------------------------------------ server (child process) */

async function runServer(): Promise<void> {
  const strapi = await createStrapi({
    appDir: APP_DIR,
    distDir: path.join(APP_DIR, 'dist'),
  }).load();
  if (process.env.BENCH_SEED === '1') {
    const tag = await strapi
      .documents('api::tag.tag')
      .create({ data: { name: 'Bench tag' } as never });
    for (let index = 0; index < ARTICLES; index += 1) {
      await strapi.documents('api::article.article').create({
        data: {
          title: `Bench article ${index}`,
          excerpt: 'First version',
          author: 'Bench',
          tags: [tag.documentId],
        } as never,
        status: 'published',
      });
    }
    await strapi.documents('api::article.article').create({
      data: { title: DRAFT_TARGET, excerpt: 'Published text', author: 'Bench' } as never,
      status: 'published',
    });
  }
  const first = (await strapi.documents('api::article.article').findFirst({
    filters: { title: 'Bench article 0' },
    populate: ['tags'],
    status: 'published',
  })) as unknown as { documentId: string; slug: string; tags: Array<{ documentId: string }> };
  const articles = (await strapi.documents('api::article.article').findMany({
    filters: { title: { $startsWith: 'Bench article ' } },
    fields: ['documentId', 'slug', 'title'],
    status: 'published',
    limit: ARTICLES,
  })) as unknown as Array<{ documentId: string; slug: string; title: string }>;
  // Popularity rank = the article's number, so article 0 (the one the correctness run edits) is the most read.
  const ranked = articles
    .sort(
      (a, b) =>
        Number(a.title.slice('Bench article '.length)) -
        Number(b.title.slice('Bench article '.length))
    )
    .map(({ documentId, slug }) => ({ documentId, slug }));
  const draftTarget = (await strapi.documents('api::article.article').findFirst({
    filters: { title: DRAFT_TARGET },
    fields: ['documentId', 'slug'],
    status: 'published',
  })) as unknown as { documentId: string; slug: string };
  await serveUntilStopped(strapi, {
    article: first.documentId,
    slug: first.slug,
    tag: first.tags[0].documentId,
    articles: ranked,
    draftTarget,
  });
}

/* ------------------------------------------------------------------ driver (parent process) */

/** req/s of GETs of `requestPath` (with optional headers) for `seconds`, and how many did not answer `expected`. */
async function drive(
  url: string,
  requestPath: string,
  expected: number,
  headers: Record<string, string> = {}
): Promise<{ rps: number; wrong: number }> {
  // Requests of the previous run still being processed (slow uncached reads) must not eat into this one:
  // one request waits behind them.
  await fetch(`${url}/_health`);
  const result = await autocannon({
    url: `${url}${requestPath}`,
    connections: CONNECTIONS,
    duration: SECONDS,
    headers,
  });
  const matching =
    expected === 304 ? result['3xx'] : expected === 204 || expected === 200 ? result['2xx'] : 0;
  return {
    rps: result.requests.total / result.duration,
    wrong: result.requests.total - matching + result.errors + result.timeouts,
  };
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

interface ArticleRef {
  documentId: string;
  slug: string;
}

interface ServerHandle {
  child: ChildProcess;
  baseUrl: string;
  article: string;
  slug: string;
  tag: string;
  /** The ARTICLES published articles, most popular first. */
  articles: ArticleRef[];
  draftTarget: ArticleRef;
  stop(): Promise<void>;
}

async function startServer(
  database: TestDatabase,
  cache: boolean,
  seed: boolean
): Promise<ServerHandle> {
  const env: NodeJS.ProcessEnv = serverEnv(database.env, {
    ENGAGEMENT_RATE_LIMIT_MAX: '0',
    RESPONSE_CACHE: String(cache),
    RESPONSE_CACHE_REDIS_URL: '',
    BENCH_SEED: seed ? '1' : '0',
  });
  const child = forkServer(__filename, env);
  const ready = await waitForMessage<Message>(child, 'ready');
  return {
    child,
    baseUrl: String(ready.baseUrl),
    article: String(ready.article),
    slug: String(ready.slug),
    tag: String(ready.tag),
    articles: ready.articles as ArticleRef[],
    draftTarget: ready.draftTarget as ArticleRef,
    async stop() {
      child.send({ type: 'stop' });
      await new Promise((resolve) => child.once('exit', resolve));
    },
  };
}

interface Throughput {
  health: number;
  bySlug: number;
  populate: number;
  notModified?: number;
  wrong: number;
}

/** Median ratios to /_health over ROUNDS rounds on one server. */
async function measure(server: ServerHandle, withConditional: boolean): Promise<Throughput> {
  const bySlugPath = `/api/articles/by-slug/${server.slug}`;
  for (const check of [bySlugPath, '/api/articles?populate=*']) {
    const res = await fetch(`${server.baseUrl}${check}`);
    if (res.status !== 200)
      throw new Error(`GET ${check} answered ${res.status}: ${await res.text()}`);
  }
  const etag = withConditional
    ? (await fetch(`${server.baseUrl}${bySlugPath}`)).headers.get('etag')
    : null;
  if (withConditional && !etag) throw new Error('the cached server sent no ETag');
  await drive(server.baseUrl, '/_health', 204); // warm-up
  const ratios = {
    bySlug: [] as number[],
    populate: [] as number[],
    notModified: [] as number[],
    health: [] as number[],
  };
  let wrong = 0;
  for (let round = 0; round < ROUNDS; round += 1) {
    const health = await drive(server.baseUrl, '/_health', 204);
    const bySlug = await drive(server.baseUrl, bySlugPath, 200);
    const populate = await drive(server.baseUrl, '/api/articles?populate=*', 200);
    ratios.health.push(health.rps);
    ratios.bySlug.push(bySlug.rps / health.rps);
    ratios.populate.push(populate.rps / health.rps);
    wrong += health.wrong + bySlug.wrong + populate.wrong;
    if (etag) {
      const conditional = await drive(server.baseUrl, bySlugPath, 304, { 'if-none-match': etag });
      ratios.notModified.push(conditional.rps / health.rps);
      wrong += conditional.wrong;
    }
  }
  return {
    health: median(ratios.health),
    bySlug: median(ratios.bySlug),
    populate: median(ratios.populate),
    notModified: etag ? median(ratios.notModified) : undefined,
    wrong,
  };
}

/**
 * 50 writes through the Content Manager (admin JWT), each judged by READS_PER_WRITE public reads sent
 * after its response returned; unjudged reads run during each write to refill the cache concurrently.
 */
async function correctness(
  server: ServerHandle,
  admin: AdminHeaders
): Promise<{ reads: number; stale: number; writes: number }> {
  const base = server.baseUrl;
  const cm = `${base}/content-manager/collection-types`;
  const urls = [
    `/api/articles/by-slug/${server.slug}?populate=tags`,
    `/api/articles?populate=tags&filters[documentId][$eq]=${server.article}`,
  ];
  type Shown = { excerpt: string; tag: string };
  const read = async (url: string): Promise<Shown> => {
    const body = (await (await fetch(`${base}${url}`)).json()) as { data: unknown };
    const entry = (Array.isArray(body.data) ? body.data[0] : body.data) as {
      excerpt: string;
      tags: Array<{ name: string }>;
    };
    return { excerpt: entry.excerpt, tag: entry.tags[0]?.name };
  };
  const expected: Shown = { excerpt: 'First version', tag: 'Bench tag' };
  let reads = 0;
  let stale = 0;
  for (let write = 1; write <= WRITES; write += 1) {
    const during = Array.from({ length: 5 }, (_, index) => read(urls[index % urls.length]));
    let response: Response;
    if (write % 2 === 1) {
      expected.excerpt = `Revision ${write}`;
      response = await fetch(`${cm}/api::article.article/${server.article}/actions/publish`, {
        method: 'POST',
        headers: admin,
        body: JSON.stringify({ excerpt: expected.excerpt }),
      });
    } else {
      expected.tag = `Bench tag ${write}`;
      response = await fetch(`${cm}/api::tag.tag/${server.tag}`, {
        method: 'PUT',
        headers: admin,
        body: JSON.stringify({ name: expected.tag }),
      });
    }
    if (response.status !== 200)
      throw new Error(`write ${write} answered ${response.status}: ${await response.text()}`);
    await Promise.all(during);
    const judged = await Promise.all(
      Array.from({ length: READS_PER_WRITE }, (_, index) => read(urls[index % urls.length]))
    );
    reads += judged.length;
    stale += judged.filter(
      (shown) => shown.excerpt !== expected.excerpt || shown.tag !== expected.tag
    ).length;
  }
  return { reads, stale, writes: WRITES };
}

type AdminHeaders = { authorization: string; 'content-type': string };

/** Registers the first admin on a fresh server and returns the headers of its session (as the admin UI sends them). */
async function registerAdmin(server: ServerHandle): Promise<AdminHeaders> {
  const registered = await fetch(`${server.baseUrl}/admin/register-admin`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  if (registered.status !== 200) throw new Error(`register-admin answered ${registered.status}`);
  const token = ((await registered.json()) as { data: { token: string } }).data.token;
  return { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
}

/** A sampler of ranks 0..n-1 with probability ∝ 1/(rank+1) (Zipf, exponent 1): a few pages popular, a long tail. */
function zipf(n: number): () => number {
  const cumulative: number[] = [];
  let total = 0;
  for (let rank = 1; rank <= n; rank += 1) cumulative.push((total += 1 / rank));
  return () => {
    const target = Math.random() * total;
    let low = 0;
    let high = n - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (cumulative[middle] < target) low = middle + 1;
      else high = middle;
    }
    return low;
  };
}

type Editor = 'quiet' | 'drafts' | 'publishes';

interface NewsroomRun {
  rps: number;
  wrong: number;
  writes: number;
  checks: number;
  stale: number;
}

const articleExcerpt = async (base: string, slug: string): Promise<string | undefined> => {
  const res = await fetch(`${base}/api/articles/by-slug/${slug}`);
  return res.status === 200
    ? ((await res.json()) as { data: { excerpt?: string } }).data.excerpt
    : undefined;
};

/**
 * EDIT_SECONDS of by-slug reads of the ARTICLES articles in a Zipf spread by CONNECTIONS connections,
 * while the editor does nothing, saves a draft of the draft target every second, or publishes an update
 * of one of the read articles every 5 seconds (Content Manager admin API). After each write returned,
 * the changed article is read: a draft's text showing, or a publish's text missing, is a stale read.
 */
async function newsroomRun(
  server: ServerHandle,
  admin: AdminHeaders,
  editor: Editor,
  round: number
): Promise<NewsroomRun> {
  const base = server.baseUrl;
  const paths = server.articles.map((article) => `/api/articles/by-slug/${article.slug}`);
  const pick = zipf(paths.length);
  await fetch(`${base}/_health`);
  const reads = autocannon({
    url: base,
    connections: CONNECTIONS,
    duration: EDIT_SECONDS,
    requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: paths[pick()] }) }],
  });
  let running = true;
  const finished = reads.then((result) => {
    running = false;
    return result;
  });
  const outcome = { writes: 0, checks: 0, stale: 0 };
  const cm = `${base}/content-manager/collection-types/api::article.article`;
  const editing = (async () => {
    if (editor === 'quiet') return;
    const every = editor === 'drafts' ? DRAFT_SAVE_EVERY_MS : PUBLISH_EVERY_MS;
    let next = Date.now() + every / 2;
    while (running) {
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, next - Date.now())));
      next += every;
      if (!running) break;
      outcome.writes += 1;
      if (editor === 'drafts') {
        const text = `Draft ${round}.${outcome.writes}`;
        const saved = await fetch(`${cm}/${server.draftTarget.documentId}`, {
          method: 'PUT',
          headers: admin,
          body: JSON.stringify({ excerpt: text }),
        });
        if (saved.status !== 200)
          throw new Error(`draft save answered ${saved.status}: ${await saved.text()}`);
        outcome.checks += 1;
        if ((await articleExcerpt(base, server.draftTarget.slug)) !== 'Published text')
          outcome.stale += 1;
      } else {
        // Skip article 0: the correctness run checks it against its own expectations.
        const article =
          server.articles[1 + Math.floor(Math.random() * (server.articles.length - 1))];
        const text = `Published ${editor} ${round}.${outcome.writes}`;
        const published = await fetch(`${cm}/${article.documentId}/actions/publish`, {
          method: 'POST',
          headers: admin,
          body: JSON.stringify({ excerpt: text }),
        });
        if (published.status !== 200)
          throw new Error(`publish answered ${published.status}: ${await published.text()}`);
        outcome.checks += 1;
        if ((await articleExcerpt(base, article.slug)) !== text) outcome.stale += 1;
      }
    }
  })();
  const [result] = await Promise.all([finished, editing]);
  return {
    rps: result.requests.total / result.duration,
    wrong: result.non2xx + result.errors + result.timeouts,
    ...outcome,
  };
}

interface Newsroom {
  quietToHealth: number;
  drafts: number;
  publishes: number;
  writes: number;
  checks: number;
  stale: number;
  wrong: number;
}

/**
 * EDIT_ROUNDS rounds of quiet, drafts, publishes, quiet on a warm cache; each editing run against the
 * mean of its round's two quiet runs (load from other processes drifts during a round), median printed.
 */
async function newsroom(server: ServerHandle, admin: AdminHeaders): Promise<Newsroom> {
  // Warm: every page once, so quiet measures a full cache.
  for (const article of server.articles)
    await fetch(`${server.baseUrl}/api/articles/by-slug/${article.slug}`);
  const health = await drive(server.baseUrl, '/_health', 204);
  const ratios = { quiet: [] as number[], drafts: [] as number[], publishes: [] as number[] };
  const totals = { writes: 0, checks: 0, stale: 0, wrong: health.wrong };
  for (let round = 1; round <= EDIT_ROUNDS; round += 1) {
    const quietBefore = await newsroomRun(server, admin, 'quiet', round);
    const drafts = await newsroomRun(server, admin, 'drafts', round);
    const publishes = await newsroomRun(server, admin, 'publishes', round);
    const quietAfter = await newsroomRun(server, admin, 'quiet', round);
    const quiet = (quietBefore.rps + quietAfter.rps) / 2;
    ratios.quiet.push(quiet / health.rps);
    ratios.drafts.push(drafts.rps / quiet);
    ratios.publishes.push(publishes.rps / quiet);
    for (const run of [quietBefore, drafts, publishes, quietAfter]) {
      totals.writes += run.writes;
      totals.checks += run.checks;
      totals.stale += run.stale;
      totals.wrong += run.wrong;
    }
  }
  return {
    quietToHealth: median(ratios.quiet),
    drafts: median(ratios.drafts),
    publishes: median(ratios.publishes),
    ...totals,
  };
}

interface Figures {
  database: string;
  uncached?: Throughput;
  cached?: Throughput;
  correctness?: { reads: number; stale: number; writes: number };
  newsroom: Newsroom;
}

async function benchDatabase(client: 'sqlite' | 'postgres'): Promise<Figures> {
  const database = await createTestDatabase(client);
  try {
    let uncached: Throughput | undefined;
    if (!NEWSROOM_ONLY) {
      const plain = await startServer(database, false, true);
      try {
        uncached = await measure(plain, false);
      } finally {
        await plain.stop();
      }
    }
    const server = await startServer(database, true, NEWSROOM_ONLY);
    try {
      const admin = await registerAdmin(server);
      if (NEWSROOM_ONLY) return { database: client, newsroom: await newsroom(server, admin) };
      const cached = await measure(server, true);
      const newsroomFigures = await newsroom(server, admin);
      return {
        database: client,
        uncached,
        cached,
        correctness: await correctness(server, admin),
        newsroom: newsroomFigures,
      };
    } finally {
      await server.stop();
    }
  } finally {
    await database.drop();
  }
}

/** A figure, or "n/a" when no request completed within a window (an overloaded machine): rerun with a longer BENCH_SECONDS. */
const fmt = (value: number | undefined, digits = 2) =>
  value === undefined ? '–' : Number.isFinite(value) ? value.toFixed(digits) : 'n/a';

async function main(): Promise<void> {
  process.stdout.write('Compiling the app…\n');
  await compileStrapi({ appDir: APP_DIR });
  const clients: Array<'sqlite' | 'postgres'> = process.env.BENCH_POSTGRES_ONLY ? [] : ['sqlite'];
  if (process.env.BENCH_SQLITE_ONLY)
    process.stdout.write('BENCH_SQLITE_ONLY is set: measuring SQLite only.\n');
  else if (await postgresReachable()) clients.push('postgres');
  else process.stdout.write('PostgreSQL is not reachable: measuring SQLite only.\n');

  const results: Figures[] = [];
  for (const client of clients) {
    process.stdout.write(
      NEWSROOM_ONLY
        ? `Measuring the newsroom on ${client} (${EDIT_ROUNDS} rounds of quiet, drafts, publishes, quiet, ${EDIT_SECONDS} s each, ${CONNECTIONS} connections)…\n`
        : `Measuring on ${client} (${ROUNDS} rounds of ${SECONDS} s per scenario, ${CONNECTIONS} connections; cache off, then on; the newsroom, ${EDIT_ROUNDS} rounds of ${EDIT_SECONDS} s; then ${WRITES} writes)…\n`
    );
    results.push(await benchDatabase(client));
  }

  const newsroomRows: Array<Row<Figures>> = [
    [`${ARTICLES} articles, Zipf reads quiet ÷ /_health`, (f) => fmt(f.newsroom.quietToHealth), ''],
    ['  with a draft save each second ÷ quiet', (f) => fmt(f.newsroom.drafts), '≥ 0.90'],
    ['  with a publish each 5 s ÷ quiet', (f) => fmt(f.newsroom.publishes), '≥ 0.80'],
    [
      "  stale reads after an editor's write",
      (f) => `${f.newsroom.stale} of ${f.newsroom.checks} (${f.newsroom.writes} writes)`,
      '0',
    ],
    ['  unexpected statuses or errors', (f) => String(f.newsroom.wrong), '0'],
  ];
  const rows: Array<Row<Figures>> = NEWSROOM_ONLY
    ? newsroomRows
    : [
        ['by-slug ÷ /_health, uncached', (f) => fmt(f.uncached?.bySlug), ''],
        ['by-slug ÷ /_health, cached (live counts)', (f) => fmt(f.cached?.bySlug), '≥ 0.70'],
        ['304 (If-None-Match) ÷ /_health', (f) => fmt(f.cached?.notModified), '≥ 0.80'],
        ['articles?populate=* ÷ /_health, uncached', (f) => fmt(f.uncached?.populate), ''],
        ['articles?populate=* ÷ /_health, cached', (f) => fmt(f.cached?.populate), ''],
        [
          'stale reads after a write returned',
          (f) =>
            `${f.correctness?.stale} of ${f.correctness?.reads} (${f.correctness?.writes} writes)`,
          '0',
        ],
        [
          '  /_health req/s (median, uncached / cached server)',
          (f) => `${fmt(f.uncached?.health, 0)} / ${fmt(f.cached?.health, 0)}`,
          '',
        ],
        [
          '  unexpected statuses or errors',
          (f) => String((f.uncached?.wrong ?? 0) + (f.cached?.wrong ?? 0)),
          '0',
        ],
        ...newsroomRows,
      ];
  printTable(rows, results, 26);
}

runBenchmark(main, runServer);
