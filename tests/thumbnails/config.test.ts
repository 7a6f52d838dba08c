import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { throwawaySecrets } from '../helpers/secrets';
import { APP_DIR } from '../helpers/strapi';

const REFUSALS: Array<[Record<string, string>, string]> = [
  [
    { THUMBNAILS_CONCURRENCY: '0' },
    'FAILED Error regarding thumbnails config: concurrency must be an integer from 1 to 64, got 0',
  ],
  [
    { THUMBNAILS_FORMATS: 'webp,jpeg' },
    'FAILED Error regarding thumbnails config: formats contains "jpeg"; supported formats are webp, avif',
  ],
  [
    { THUMBNAILS_MAX_INPUT_PIXELS: 'lots' },
    'FAILED Error regarding thumbnails config: maxInputPixels must be a positive integer (pixels, e.g. 50000000), got NaN',
  ],
  [
    { THUMBNAILS_AVIF_EFFORT: '12' },
    'FAILED Error regarding thumbnails config: avif.effort must be an integer from 0 to 9 for avif, got 12',
  ],
];

/**
 * Boots the compiled app once per environment, one after the other in one child process, each time with
 * the child's own environment plus that one, and resolves to what each boot printed when `load()` failed.
 * A refused boot leaves Strapi half-loaded, so it runs where it cannot outlive the test; the refusal comes
 * from the plugin's config validator, before any database or server, so the next boot starts clean.
 */
function bootInChild(envs: Array<Record<string, string>>): Promise<string[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thumbnails-config-'));
  const script = `const { createStrapi } = require('@strapi/strapi');
    const base = { ...process.env };
    (async () => {
      for (const env of ${JSON.stringify(envs)}) {
        process.env = { ...base, ...env };
        const line = await createStrapi({ appDir: ${JSON.stringify(APP_DIR)}, distDir: ${JSON.stringify(path.join(APP_DIR, 'dist'))} })
          .load().then((s) => s.destroy().then(() => 'BOOTED'), (e) => 'FAILED ' + e.message);
        console.log(line);
      }
      process.exit(0);
    })();`;
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
        },
      },
      (error, stdout) => {
        fs.rmSync(dir, { recursive: true, force: true });
        if (error) reject(error);
        else
          resolve(
            stdout
              .split('\n')
              .filter((line) => line.startsWith('FAILED') || line.startsWith('BOOTED'))
          );
      }
    );
  });
}

let printed: string[];
beforeAll(async () => {
  printed = await bootInChild(REFUSALS.map(([env]) => env));
});

it.each(REFUSALS.map(([env, message], index) => [env, message, index] as const))(
  'refuses to start with %j and says why',
  (_env, message, index) => {
    expect(printed[index]).toBe(message);
  }
);
