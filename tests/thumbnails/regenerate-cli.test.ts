import { execFile } from 'node:child_process';
import path from 'node:path';
import { throwawaySecrets } from '../helpers/secrets';
import { APP_DIR, startTestApp, type TestApp } from '../helpers/strapi';
import { makeImage } from '../helpers/thumbnails-images';
import {
  listUploads,
  removeUploadsSince,
  stripVariants,
  uploadFile,
  type ApiFile,
} from '../helpers/thumbnails-upload';

/** The thumbnails package's command, as `npx strapi-thumbnails` runs it from the app folder. */
const BIN = path.join(
  path.dirname(require.resolve('strapi-plugin-thumbnails/package.json')),
  'bin',
  'strapi-thumbnails.js'
);

/**
 * `npm run thumbnails:regenerate` (`strapi-thumbnails regenerate`) end to end: the script boots the app itself against the database the
 * test app wrote, so it runs in a child process, after the test app has stopped.
 */
let app: TestApp;
let before: Set<string>;
let env: Record<string, string>;
const files: ApiFile[] = [];

function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, 'regenerate', ...args],
      { cwd: APP_DIR, env: { ...process.env, ...env } },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr })
    );
  });
}

beforeAll(async () => {
  before = listUploads();
  app = await startTestApp();
  for (let index = 0; index < 3; index += 1) {
    files.push(
      (
        await uploadFile(
          app,
          await makeImage(800 + index * 100, 600, 'jpeg'),
          `cli-${index}.jpg`,
          'image/jpeg'
        )
      ).body[0]
    );
  }
  // the first one lost its variants (as if uploaded before the plugin was enabled)
  await stripVariants(app, files[0]);
  await app.strapi.destroy();
  env = {
    ...app.database.env,
    NODE_ENV: 'test',
    ...throwawaySecrets(),
    LOG_LEVEL: 'error',
    JEST_WORKER_ID: '',
  };
});

afterAll(async () => {
  await app?.database.drop();
  removeUploadsSince(before);
});

it('lists what would change with --dry-run, and changes nothing', async () => {
  const uploads = listUploads();
  const { code, stdout } = await cli('--dry-run');
  expect(code).toBe(0);
  expect(stdout).toContain(
    `Would change 1 file(s):\n  regenerate #${files[0].id} thmbtest-cli-0.jpg: no variants yet`
  );
  expect(stdout).toContain('3/3 files: 1 would regenerate, 2 up to date');
  expect(listUploads()).toEqual(uploads);
});

it('regenerates what is missing, then finds everything up to date', async () => {
  const first = await cli();
  expect(first.code).toBe(0);
  expect(first.stdout).toContain(
    '3/3 files: 1 regenerated, 2 up to date, 0 images skipped (see warnings), 0 not images, 0 failed.'
  );
  const made = [...listUploads()].filter(
    (name) => name.includes(files[0].hash) && name.endsWith('.webp')
  );
  // 800×600: card, square, og (800×420) plus ladder rungs card 320, square 320, og 320 and 640
  expect(made).toHaveLength(7);

  const second = await cli();
  expect(second.stdout).toContain('3/3 files: 0 regenerated, 3 up to date');
});

it('refuses an unknown flag with the usage line', async () => {
  const { code, stderr } = await cli('--dryrun');
  expect(code).toBe(1);
  expect(stderr).toContain('unknown argument "--dryrun"');
  expect(stderr).toContain(
    'usage: strapi-thumbnails regenerate [--dry-run] [--restart] [--batch-size=N]'
  );
});

it('--rotate <id>:90 rewrites that original rotated and rebuilds its formats; a bad value gets the usage line', async () => {
  const { code, stdout } = await cli('--rotate', `${files[1].id}:90`);
  expect(code).toBe(0);
  expect(stdout).toContain(
    `file ${files[1].id}: original rewritten rotated 90° (600×900); formats and variants rebuilt`
  );

  const bad = await cli('--rotate', `${files[1].id}:45`);
  expect(bad.code).toBe(1);
  expect(bad.stderr).toContain(
    `--rotate wants <file id>:<90|180|270|auto>, got "${files[1].id}:45"`
  );
});
