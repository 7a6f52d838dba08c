import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import type { Browser } from 'playwright-core';
import {
  collectConsoleErrors,
  chromiumAvailable,
  launchBrowser,
  screenshot,
} from '../helpers/browser';
import { solveChallenge, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import { logIn, skipGuidedTour } from '../helpers/admin-browser';
import { SUPER_ADMIN } from '../helpers/admin-users';
import { browserUA } from '../helpers/engagement-fixtures';
import { throwawaySecrets } from '../helpers/secrets';
import { makeImage } from '../helpers/thumbnails-images';

/**
 * The plugins as a user gets them: each packed with `npm pack`, the tarballs unpacked into the
 * node_modules of a throwaway copy of tests/fixtures/fresh-app (a minimal Strapi 5 app with one
 * api::post.post type with a cover, none of this project's types), which is built and started as real
 * `strapi build` / `strapi start` processes on SQLite. Only the tarballs' contents are used: no file of
 * plugins/ is reachable from the app. The rest of node_modules is the project's, hard-linked (no registry
 * install).
 */
const ROOT = path.join(__dirname, '..', '..');
const FIXTURE = path.join(ROOT, 'tests', 'fixtures', 'fresh-app');
const PACKAGES = ['engagement', 'thumbnails', 'reader-comments'].map((name) => ({
  dir: path.join(ROOT, 'plugins', name),
  name: `strapi-plugin-${name}`,
}));

let appDir: string;
let baseEnv: Record<string, string>;
let server: { child: ChildProcess; output: () => string; baseUrl: string } | undefined;
let browser: Browser | undefined;

function run(
  command: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv = process.env
): string {
  const result = spawnSync(command, args, {
    cwd,
    env,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0)
    throw new Error(
      `${command} ${args.join(' ')} failed (${result.status ?? result.signal}):\n${result.stdout}\n${result.stderr}`
    );
  return result.stdout;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

const strapiBin = () => path.join(appDir, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js');

/** `strapi start` in the throwaway app; resolves once /_health answers. */
async function start(extraEnv: Record<string, string> = {}): Promise<NonNullable<typeof server>> {
  const port = await freePort();
  const child = spawn(process.execPath, [strapiBin(), 'start'], {
    cwd: appDir,
    env: { ...baseEnv, PORT: String(port), ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`strapi start exited with ${child.exitCode}:\n${output}`);
    const healthy = await fetch(`${baseUrl}/_health`).then(
      (res) => res.status === 204,
      () => false
    );
    if (healthy) return { child, output: () => output, baseUrl };
    if (Date.now() > deadline) throw new Error(`strapi start did not answer /_health:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function stop(): Promise<void> {
  const running = server;
  server = undefined;
  if (!running || running.child.exitCode !== null) return;
  const exited = new Promise((resolve) => running.child.once('exit', resolve));
  running.child.kill('SIGTERM');
  await exited;
}

beforeAll(async () => {
  if (!chromiumAvailable())
    throw new Error("Chromium not found: install Debian's chromium or set CHROMIUM_PATH.");
  appDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fresh-app-'));
  fs.cpSync(FIXTURE, appDir, { recursive: true });

  // The project's node_modules, hard-linked (falls back to a copy across file systems), without the
  // workspace links to plugins/: those places get the unpacked tarballs, as `npm install <tarball>` does.
  const linked = spawnSync('cp', [
    '-al',
    path.join(ROOT, 'node_modules'),
    path.join(appDir, 'node_modules'),
  ]);
  if (linked.status !== 0)
    run('cp', ['-a', path.join(ROOT, 'node_modules'), path.join(appDir, 'node_modules')], ROOT);
  const pkg = JSON.parse(fs.readFileSync(path.join(appDir, 'package.json'), 'utf8'));
  for (const { dir, name } of PACKAGES) {
    // dist/ is current: the e2e global setup rebuilt what changed.
    const [packed] = JSON.parse(
      run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', appDir], dir)
    ) as Array<{ filename: string }>;
    const target = path.join(appDir, 'node_modules', name);
    fs.rmSync(target, { recursive: true, force: true });
    fs.mkdirSync(target);
    run(
      'tar',
      ['-xzf', path.join(appDir, packed.filename), '-C', target, '--strip-components=1'],
      appDir
    );
    pkg.dependencies[name] = `file:${packed.filename}`;
  }
  fs.writeFileSync(path.join(appDir, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
  // `npm install` links a package's bins into node_modules/.bin the same way.
  const bin = path.join(appDir, 'node_modules', '.bin', 'strapi-thumbnails');
  fs.rmSync(bin, { force: true });
  fs.symlinkSync('../strapi-plugin-thumbnails/bin/strapi-thumbnails.js', bin);

  baseEnv = {
    ...(process.env as Record<string, string>),
    ...throwawaySecrets(),
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    DATABASE_FILENAME: '.tmp/data.db',
    STRAPI_TELEMETRY_DISABLED: 'true',
    STRAPI_DISABLE_UPDATE_NOTIFICATION: 'true',
    BROWSER: 'none',
    JEST_WORKER_ID: '',
  };
  run(process.execPath, [strapiBin(), 'build'], appDir, baseEnv);
}, 420_000);

afterAll(async () => {
  await browser?.close();
  await stop();
  if (appDir) fs.rmSync(appDir, { recursive: true, force: true });
});

it('loads the plugins from the unpacked tarballs, not from this repository', () => {
  for (const { name } of PACKAGES) {
    const resolved = require.resolve(`${name}/strapi-server`, { paths: [appDir] });
    expect(fs.realpathSync(resolved)).toBe(
      path.join(fs.realpathSync(appDir), 'node_modules', name, 'dist', 'server', 'index.js')
    );
    expect(fs.existsSync(path.join(appDir, 'node_modules', name, 'server', 'src'))).toBe(false);
  }
});

it('starts with engagement and comments unconfigured, tracks nothing, takes no comments and says once how to configure them', async () => {
  const running = await start();
  server = running;
  expect((await request(running.baseUrl).get('/api/posts')).status).toBe(200);
  const view = await request(running.baseUrl)
    .post('/api/engagement/post/abc/view')
    .set('User-Agent', browserUA());
  expect(view.status).toBe(404);
  await stop();
  const notes = running
    .output()
    .split('\n')
    .filter((line) => line.includes('[engagement] No content type is configured'));
  expect(notes).toHaveLength(1);
  expect(notes[0]).toContain('Types this app could track: api::post.post.');
  const commentNotes = running
    .output()
    .split('\n')
    .filter((line) => line.includes('[reader-comments] No content type takes comments yet'));
  expect(commentNotes).toHaveLength(1);
});

describe('configured for api::post.post', () => {
  let auth: { Authorization: string };
  let baseUrl: string;

  beforeAll(async () => {
    server = await start({ ENGAGEMENT_TYPES: 'api::post.post', COMMENTS_TYPES: 'api::post.post' });
    baseUrl = server.baseUrl;
    const registered = await request(baseUrl).post('/admin/register-admin').send({
      firstname: 'Ada',
      lastname: 'Admin',
      email: SUPER_ADMIN.email,
      password: SUPER_ADMIN.password,
    });
    expect(registered.status).toBe(200);
    auth = { Authorization: `Bearer ${registered.body.data.token}` };
  }, 120_000);

  it('makes the three variants and the placeholder of an uploaded cover', async () => {
    const res = await request(baseUrl)
      .post('/upload')
      .set(auth)
      .attach('files', await makeImage(1600, 1000, 'jpeg'), {
        filename: 'cover.jpg',
        contentType: 'image/jpeg',
      });
    expect(res.status).toBe(201);
    const [file] = res.body;
    expect(Object.keys(file.formats)).toEqual(
      expect.arrayContaining(['card_webp', 'square_webp', 'og_webp'])
    );
    expect(file.formats.og_webp).toMatchObject({ width: 1200, height: 630, mime: 'image/webp' });
    expect(file.placeholder).toMatch(/^data:image\/webp;base64,/);
    const variant = await request(baseUrl).get(file.formats.card_webp.url);
    expect(variant.status).toBe(200);
    expect(variant.headers['content-type']).toBe('image/webp');

    const created = await request(baseUrl)
      .post('/content-manager/collection-types/api::post.post')
      .set(auth)
      .send({ title: 'Hello from a fresh app', cover: file.id });
    expect(created.status).toBe(201);
    const { documentId } = created.body.data;
    const published = await request(baseUrl)
      .post(`/content-manager/collection-types/api::post.post/${documentId}/actions/publish`)
      .set(auth)
      .send({});
    expect(published.status).toBe(200);

    const view = await request(baseUrl)
      .post(`/api/engagement/post/${documentId}/view`)
      .set('User-Agent', browserUA());
    expect(view.status).toBe(202);
    expect(view.body).toEqual({ data: { counted: true } });

    const posts = await request(baseUrl).get('/api/posts').query({ populate: 'cover' });
    expect(posts.status).toBe(200);
    expect(posts.body.data).toHaveLength(1);
    expect(posts.body.data[0]).toMatchObject({
      documentId,
      title: 'Hello from a fresh app',
      engagement: { views: 1, shares: 0 },
    });
    expect(posts.body.data[0].cover.formats.square_webp).toMatchObject({ width: 400, height: 400 });
  });

  it('takes a guest comment on the published post, with the default proof of work and fill time, and counts it', async () => {
    const [post] = (await request(baseUrl).get('/api/posts')).body.data as Array<{
      documentId: string;
    }>;
    const challenge = await request(baseUrl).get(
      `/api/reader-comments/post/${post.documentId}/challenge`
    );
    expect(challenge.status).toBe(200);
    const shownAt = Date.now();
    const solution = await solveChallenge({ challenge: challenge.body as Challenge, deriveKey });
    const altcha = Buffer.from(
      JSON.stringify({
        challenge: { parameters: challenge.body.parameters, signature: challenge.body.signature },
        solution,
      })
    ).toString('base64');
    // A person takes a few seconds to write: the default minimum fill time is 3 s.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, 3100 - (Date.now() - shownAt))));
    const posted = await request(baseUrl)
      .post(`/api/reader-comments/post/${post.documentId}`)
      .send({
        text: 'First comment in a fresh app',
        author: { name: 'Ada', email: 'ada@example.com' },
        altcha,
      });
    expect(posted.status).toBe(201);
    expect(posted.body.meta.status).toBe('approved');
    const thread = await request(baseUrl).get(`/api/reader-comments/post/${post.documentId}`);
    expect(thread.body.meta.count).toBe(1);
    expect(thread.body.data[0].text).toBe('First comment in a fresh app');
    const posts = await request(baseUrl).get('/api/posts');
    expect(posts.body.data[0].comments).toEqual({ count: 1 });
  });

  it("answers the plugins' admin routes for an admin, and refuses them without a token", async () => {
    const engagement = await request(baseUrl).get('/engagement/settings').set(auth);
    expect(engagement.status).toBe(200);
    expect(engagement.body.data.types).toEqual([{ uid: 'api::post.post', name: 'post' }]);
    const thumbnails = await request(baseUrl).get('/thumbnails/settings').set(auth);
    expect(thumbnails.status).toBe(200);
    expect((await request(baseUrl).get('/engagement/settings')).status).toBe(401);
    expect((await request(baseUrl).get('/thumbnails/settings')).status).toBe(401);
  });

  it('renders both settings pages and the post with its engagement panel in chromium, with no console error', async () => {
    browser = await launchBrowser();
    const page = await browser.newPage();
    const errors = collectConsoleErrors(page);
    await logIn(page, baseUrl, SUPER_ADMIN);
    await skipGuidedTour(page);

    await page.goto(`${baseUrl}/admin/settings/engagement`);
    await page.getByRole('paragraph').filter({ hasText: 'api::post.post' }).waitFor();
    await screenshot(page, 'fresh-app-01-engagement-settings');

    await page.goto(`${baseUrl}/admin/settings/thumbnails`);
    await page.getByText('og_webp').first().waitFor();
    await page.getByRole('button', { name: /regenerate all/i }).waitFor();
    await screenshot(page, 'fresh-app-02-thumbnails-settings');

    await page.goto(`${baseUrl}/admin/content-manager/collection-types/api::post.post`);
    await page.getByText('Hello from a fresh app').click();
    await page.getByTestId('engagement-views').filter({ hasText: /^1$/ }).waitFor();
    await screenshot(page, 'fresh-app-03-post-edit');

    expect(errors).toEqual([]);
    await page.close();
  });
});
