import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { throwawaySecrets } from '../helpers/secrets';
import { APP_DIR } from '../helpers/strapi';

/**
 * Boots the compiled app in a child process with the given environment and resolves to what it printed
 * when `load()` failed. A refused boot leaves Strapi half-loaded, so it runs where it cannot outlive the test.
 */
function bootInChild(env: Record<string, string>): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thumbnails-config-'));
  const script = `require('@strapi/strapi').createStrapi({ appDir: ${JSON.stringify(APP_DIR)}, distDir: ${JSON.stringify(path.join(APP_DIR, 'dist'))} })
    .load().then((s) => s.destroy().then(() => { console.log('BOOTED'); process.exit(0); }), (e) => { console.log('FAILED ' + e.message); process.exit(0); });`;
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['-e', script],
      {
        cwd: APP_DIR,
        env: {
          ...process.env,
          NODE_ENV: 'test',
          ...throwawaySecrets(),
          LOG_LEVEL: 'error',
          DATABASE_CLIENT: 'sqlite',
          DATABASE_FILENAME: path.join(dir, 'data.db'),
          JEST_WORKER_ID: '',
          ...env,
        },
      },
      (error, stdout) => {
        fs.rmSync(dir, { recursive: true, force: true });
        if (error) reject(error);
        else resolve(stdout.split('\n').find((line) => line.startsWith('FAILED') || line.startsWith('BOOTED')) ?? stdout);
      },
    );
  });
}

it.each([
  [{ THUMBNAILS_CONCURRENCY: '0' }, 'FAILED Error regarding thumbnails config: concurrency must be an integer from 1 to 64, got 0'],
  [
    { THUMBNAILS_FORMATS: 'webp,jpeg' },
    'FAILED Error regarding thumbnails config: formats contains "jpeg"; supported formats are webp, avif',
  ],
  [
    { THUMBNAILS_MAX_INPUT_PIXELS: 'lots' },
    'FAILED Error regarding thumbnails config: maxInputPixels must be a positive integer (pixels, e.g. 50000000), got NaN',
  ],
  [{ THUMBNAILS_AVIF_EFFORT: '12' }, 'FAILED Error regarding thumbnails config: avif.effort must be an integer from 0 to 9 for avif, got 12'],
])('refuses to start with %j and says why', async (env, message) => {
  expect(await bootInChild(env)).toBe(message);
});
