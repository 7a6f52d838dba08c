import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { removeUploadsAfterAll } from '../helpers/thumbnails-upload';
import { startMediaServer, tempDir, uniqueExport, type MediaServer } from '../helpers/wordpress';
import {
  APP_DIR,
  newTestDatabase,
  startTestApp,
  type TestApp,
  useSharedApp,
} from '../helpers/strapi';

/**
 * `npm run import:wordpress` as its own process on the shared app's database (the importer's behaviour is
 * tested in-process in import.test.ts): a dry run writes nothing; a run killed halfway (SIGKILL while it
 * waits for the slow image) and resumed gives the same articles as one run, and prints its summary.
 */
const ARTICLE = 'api::article.article';
const SCRIPT = path.join(APP_DIR, 'scripts', 'import-wordpress.ts');
const testApp = useSharedApp();
removeUploadsAfterAll();
let app: TestApp;
let media: MediaServer;
let dir: string;

beforeAll(async () => {
  app = testApp();
  media = await startMediaServer(4000);
  dir = await tempDir('wp-import-cli-');
});
afterAll(async () => {
  await media.close();
  await fs.rm(dir, { recursive: true, force: true });
});

// the killed run cannot remove its temporary files: they go into this file's folder, removed after it
const env = () => ({ ...process.env, ...app.env, JEST_WORKER_ID: '', TMPDIR: dir });

function cli(
  args: string[],
  moreEnv: Record<string, string> = {}
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['-r', 'esbuild-register', SCRIPT, ...args],
      { cwd: APP_DIR, env: { ...env(), ...moreEnv } },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr })
    );
  });
}

const articlesOf = async (host: string) => {
  const report = JSON.parse(await fs.readFile(path.join(dir, host, 'report.json'), 'utf8'));
  return report as { posts: Array<{ wpId: number; documentId?: string; action: string }> };
};

it('refuses unknown options with the usage line', async () => {
  const { code, stderr } = await cli(['--nope']);
  expect(code).toBe(1);
  expect(stderr).toMatch(
    /^import:wordpress failed: unknown option "--nope"\nusage: npm run import:wordpress -- <export\.xml>/
  );
}, 60_000);

it('dry-runs, then survives a kill halfway: --resume finishes with one document per post', async () => {
  const { file, host } = await uniqueExport(dir);
  const out = path.join(dir, host);
  const before = await app.strapi.db.query(ARTICLE).count({});

  const dry = await cli([file, '--media-from', media.url, '--dry-run', '--out', out]);
  expect(dry.code).toBe(0);
  expect(dry.stdout).toMatch(/^WordPress import \(dry run: nothing written\): blog-/m);
  expect(dry.stdout).toMatch(
    /^ {2}posts: 8 would be created, 0 would be updated, 0 unchanged, 2 skipped, 0 failed$/m
  );
  expect(dry.stdout).toMatch(/^ {2}would create post 21 "Guten Morgen \w+" \(de, published\)$/m);
  expect(await app.strapi.db.query(ARTICLE).count({})).toBe(before);

  // killed while it waits for the slow image (the second post's gallery)
  const slowAsked = media.requests.length;
  const child = spawn(
    process.execPath,
    ['-r', 'esbuild-register', SCRIPT, file, '--media-from', media.url, '--out', out],
    { cwd: APP_DIR, env: env(), stdio: 'ignore' }
  );
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.on('exit', (_code, signal) => resolve(signal))
  );
  while (!media.requests.slice(slowAsked).some((p) => p.endsWith('/slow.jpg')))
    await new Promise((r) => setTimeout(r, 50));
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
  const halfway = await app.strapi.db.query(ARTICLE).count({});
  expect(halfway).toBeGreaterThan(before);

  const resumed = await cli([file, '--media-from', media.url, '--resume', '--out', out]);
  expect(resumed.stderr).not.toMatch(/failed/);
  expect(resumed.code).toBe(0);
  expect(resumed.stdout).toMatch(
    /^ {2}posts: 7 created, 0 updated, 1 unchanged, 2 skipped, 0 failed$/m
  );
  expect(resumed.stdout).toMatch(
    /^ {2}image 103 failed: could not fetch: .*missing\.jpg: HTTP 404$/m
  );
  const report = await articlesOf(host);
  const documentIds = new Set(report.posts.flatMap((p) => (p.documentId ? [p.documentId] : [])));
  // 8 posts, the Polylang pair sharing one document
  expect(documentIds.size).toBe(7);
  const rows = await app.strapi.db
    .query(ARTICLE)
    .count({ where: { documentId: { $in: [...documentIds] } } });
  // draft rows for 8 localizations, published rows for the 5 published ones (10, 11, 15, 20, 21)
  expect(rows).toBe(13);
}, 120_000);

it("writes nothing into a new site's database, not even the demo articles development seeds", async () => {
  // A new site: the schema and nothing else, and the settings of `npm run develop`, which seeds the demo
  // articles into an empty database when the app starts. The import's command must not.
  const database = await newTestDatabase();
  const { file, host } = await uniqueExport(dir);
  const dry = await cli(
    [file, '--media-from', media.url, '--dry-run', '--out', path.join(dir, host)],
    {
      ...database.env,
      NODE_ENV: 'development',
      SEED_DEMO_CONTENT: 'true',
    }
  );
  expect(dry.code).toBe(0);
  const site = await startTestApp({}, database);
  try {
    expect(await site.strapi.db.query(ARTICLE).count({})).toBe(0);
  } finally {
    await site.stop();
  }
}, 120_000);
