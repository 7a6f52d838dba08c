/**
 * The README's path, as a new user takes it after `npm install`: `npm run develop` until the app answers,
 * an editor uploads an image with Content Credentials (C2PA) in the Media Library, Ctrl-C; `.ci/run`
 * then runs `npm test` in the same folder. Proves that what the development watcher writes is complete:
 * the thumbnails plugin reads the credentials only with the worker its post-build step writes. Then the
 * reference frontend lists the demo articles, and an editor's "Open preview" on a draft shows it there.
 *
 * Run from the app folder: `node -r esbuild-register tests/readme-path/develop.ts` (port 1337, or PORT).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import {
  makeTestSigner,
  signC2pa,
} from '../../plugins/thumbnails/server/src/lib/__tests__/c2pa-fixtures';
import { errorMessage } from '../../src/utils/error-message';
import { makeImage } from '../helpers/thumbnails-images';

const APP_DIR = path.join(__dirname, '..', '..');
const BASE_URL = `http://127.0.0.1:${process.env.PORT ?? 1337}`;
/** The reference frontend that `npm run develop` starts next to Strapi (`next dev`). */
const FRONTEND_URL = `http://127.0.0.1:${process.env.FRONTEND_PORT ?? 3000}`;
/** The first demo article's title, which the seeded home page lists. */
const DEMO_TITLE = 'What an AI-generated cover image owes its readers';
const STARTUP_LIMIT_MS = 300_000;
const STOP_LIMIT_MS = 60_000;

const say = (line: string) => process.stdout.write(`[readme path] ${line}\n`);

async function waitForHealth(develop: ChildProcess): Promise<void> {
  const deadline = Date.now() + STARTUP_LIMIT_MS;
  while (Date.now() < deadline) {
    if (develop.exitCode !== null)
      throw new Error(`npm run develop exited with ${develop.exitCode} before answering`);
    const status = await fetch(`${BASE_URL}/_health`).then(
      (res) => res.status,
      () => 0 // not listening yet
    );
    if (status === 204) return;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  throw new Error(
    `npm run develop did not answer ${BASE_URL}/_health within ${STARTUP_LIMIT_MS / 1000} s`
  );
}

async function json(res: Response, what: string): Promise<Record<string, unknown>> {
  const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (!res.ok)
    throw new Error(`${what} answered ${res.status}: ${JSON.stringify(body).slice(0, 500)}`);
  return body;
}

/** The first admin of a fresh app, as the admin's welcome screen registers them; an admin JWT. */
async function registerFirstAdmin(): Promise<string> {
  const body = await json(
    await fetch(`${BASE_URL}/admin/register-admin`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        firstname: 'Readme',
        lastname: 'Path',
        email: `readme-${randomBytes(3).toString('hex')}@example.com`,
        password: `Readme-${randomBytes(8).toString('hex')}1`,
      }),
    }),
    'POST /admin/register-admin (this check needs a fresh clone: no admin yet)'
  );
  return (body.data as { token: string }).token;
}

/** Uploads a C2PA-signed JPEG through the admin's upload route, as the Media Library does; the stored file. */
async function uploadWithCredentials(jwt: string): Promise<{
  id: number;
  provenance?: { c2pa?: { present?: boolean; validated?: boolean } } | null;
}> {
  const signed = await signC2pa(await makeImage(1200, 800, 'jpeg'), 'image/jpeg', makeTestSigner());
  const form = new FormData();
  form.append('files', new Blob([signed], { type: 'image/jpeg' }), 'readme-path-credentials.jpg');
  const body = await json(
    await fetch(`${BASE_URL}/upload`, {
      method: 'POST',
      headers: { authorization: `Bearer ${jwt}` },
      body: form,
    }),
    'POST /upload'
  );
  return (
    body as unknown as Array<{
      id: number;
      provenance?: { c2pa?: { present?: boolean; validated?: boolean } } | null;
    }>
  )[0];
}

/**
 * The frontend's home page, as a reader opens it: the demo articles from the API. `next dev` compiles a
 * page on its first request, and the demo content is seeded after the first health answer, so this waits.
 */
async function waitForFrontendHome(): Promise<void> {
  const deadline = Date.now() + STARTUP_LIMIT_MS;
  let last = 'no answer';
  while (Date.now() < deadline) {
    const answer = await fetch(`${FRONTEND_URL}/`).then(
      async (res) => ({ status: res.status, text: await res.text() }),
      (error: unknown) => ({ status: 0, text: errorMessage(error) })
    );
    if (answer.status === 200 && answer.text.includes(DEMO_TITLE)) return;
    last = `${answer.status}: ${answer.text.slice(0, 200)}`;
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
  throw new Error(`the frontend's home page did not list the demo article (${last})`);
}

/**
 * An editor's "Open preview" on a new draft, as the Content Manager asks for it: the admin's preview link
 * leads to the frontend's preview page, which shows the draft's title. Proves that `npm run develop` alone
 * gives a working Preview (the read-drafts token's key generated into `.env`, the token made at start).
 */
async function previewDraft(jwt: string): Promise<void> {
  const auth = { authorization: `Bearer ${jwt}`, 'content-type': 'application/json' };
  const title = `Readme path draft ${randomBytes(3).toString('hex')}`;
  const created = await json(
    await fetch(`${BASE_URL}/content-manager/collection-types/api::article.article`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ title }),
    }),
    'POST /content-manager/collection-types/api::article.article (a new draft)'
  );
  const { documentId } = created.data as { documentId: string };
  const query = new URLSearchParams({ documentId, locale: 'en', status: 'draft' });
  const preview = await json(
    await fetch(`${BASE_URL}/content-manager/preview/url/api::article.article?${query}`, {
      headers: auth,
    }),
    'GET /content-manager/preview/url (the "Open preview" button)'
  );
  const link = new URL((preview.data as { url: string }).url);
  const page = await fetch(`${FRONTEND_URL}${link.pathname}${link.search}`);
  const html = await page.text();
  if (page.status !== 200 || !html.includes(title))
    throw new Error(
      `the preview page ${link.pathname} answered ${page.status} without the draft's title: ${html.slice(0, 300)}`
    );
}

/** Ctrl-C in the terminal: SIGINT to the whole process group; resolves with the exit code. */
function interrupt(develop: ChildProcess): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(
          new Error(`npm run develop did not stop within ${STOP_LIMIT_MS / 1000} s of Ctrl-C`)
        ),
      STOP_LIMIT_MS
    );
    develop.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve(code ?? (signal ? 130 : null));
    });
    process.kill(-(develop.pid as number), 'SIGINT');
  });
}

async function main(): Promise<void> {
  say('npm run develop');
  const develop = spawn('npm', ['run', 'develop'], {
    cwd: APP_DIR,
    detached: true,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, BROWSER: 'false' },
  });
  try {
    await waitForHealth(develop);
    say(`${BASE_URL}/_health answers; uploading an image with Content Credentials as an editor`);
    const jwt = await registerFirstAdmin();
    const file = await uploadWithCredentials(jwt);
    if (!file.provenance?.c2pa?.present || file.provenance.c2pa.validated !== true) {
      throw new Error(
        `the development server did not read the image's Content Credentials: provenance ${JSON.stringify(file.provenance)}`
      );
    }
    say(`file ${file.id}: Content Credentials read and validated`);
    await waitForFrontendHome();
    say(`${FRONTEND_URL}/ shows the demo articles (the reference frontend)`);
    await previewDraft(jwt);
    say('"Open preview" on a new draft shows it on the frontend');
  } finally {
    if (develop.exitCode === null) {
      const code = await interrupt(develop);
      say(`stopped with Ctrl-C (exit ${code})`);
    }
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`[readme path] failed: ${errorMessage(error)}\n`);
  process.exitCode = 1;
});
