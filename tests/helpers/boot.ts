import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { throwawaySecrets } from './secrets';

export const APP_DIR = path.join(__dirname, '..', '..');

/**
 * The public folder of this test process (Strapi's `server.dirs.public`, where the local upload provider
 * writes `uploads/`): one per Jest worker inside the run's folder (tests/global-setup.ts names it), so
 * runs and workers going side by side never see each other's files, and a run never writes into the
 * project's `public/uploads`.
 */
export const testPublicDir = (): string =>
  path.join(
    process.env.TEST_PUBLIC_DIR ?? path.join(os.tmpdir(), `strapi-test-public-${process.pid}`),
    `worker-${process.env.JEST_WORKER_ID ?? '1'}`
  );

/** Environment every test app gets: throwaway secrets, quiet logs, no demo seeding, no telemetry. */
export const BASE_ENV = (): Record<string, string> => ({
  NODE_ENV: 'test',
  ...throwawaySecrets(),
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'error',
  SEED_DEMO_CONTENT: 'false',
  STRAPI_TELEMETRY_DISABLED: 'true',
  STRAPI_DISABLE_UPDATE_NOTIFICATION: 'true',
  BROWSER: 'false',
  PUBLIC_DIR: testPublicDir(),
  // The encoders' fastest effort: the tests check which variants exist and what they carry, never how
  // small they are, and effort 4 (the default) made image encoding most of the suite's CPU time.
  THUMBNAILS_WEBP_EFFORT: '0',
  THUMBNAILS_AVIF_EFFORT: '0',
  // Test apps run side by side (and CI sets REDIS_URL for all of them): each gets its own Redis keys,
  // so one app's flusher never writes another app's counts.
  ENGAGEMENT_REDIS_PREFIX: `engagement-test-${process.pid}-${randomBytes(3).toString('hex')}:`,
  COMMENTS_REDIS_PREFIX: `comments-test-${process.pid}-${randomBytes(3).toString('hex')}:`,
  // The cheapest proof of work (a test solves each challenge in the same process) and no fill-time wait;
  // tests of those rules set them on the running app.
  COMMENTS_ALTCHA_COST: '1',
  COMMENTS_ALTCHA_MAX_NUMBER: '20',
  COMMENTS_MIN_FILL_SECONDS: '0',
  // Every test posts from 127.0.0.1: the address limit is tested by setting it on the running app.
  COMMENTS_RATE_LIMIT_ADDRESS: '100000',
});

export interface BootedApp {
  strapi: Core.Strapi;
  /** Where the app listens (a free port on 127.0.0.1). */
  baseUrl: string;
}

/**
 * Loads the compiled app (tests/global-setup.ts compiled it) with `env` added to this realm's
 * process.env, and listens on a free port of 127.0.0.1. The caller owns `strapi.destroy()`.
 */
export async function bootApp(env: Record<string, string>): Promise<BootedApp> {
  Object.assign(process.env, env);
  // The local upload provider refuses to start without its folder.
  if (process.env.PUBLIC_DIR)
    fs.mkdirSync(path.join(process.env.PUBLIC_DIR, 'uploads'), { recursive: true });
  // Required here, not at the top: every test file imports this module (through helpers/strapi.ts), and
  // most run on the shared app (booted outside their module registry), so a top-level import made each of
  // them load all of Strapi's modules again (about a second of CPU per file) for nothing.
  const { createStrapi } = require('@strapi/strapi') as typeof import('@strapi/strapi');
  const strapi = await createStrapi({
    appDir: APP_DIR,
    distDir: path.join(APP_DIR, 'dist'),
  }).load();
  try {
    strapi.server.mount();
    // Listen once on a free port: supertest's own per-request listen breaks under concurrent requests.
    const server = strapi.server.httpServer;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    return { strapi, baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
  } catch (error) {
    await strapi.destroy();
    throw error;
  }
}

/** A new full-access API token of the app (as Settings → API Tokens makes one); its access key. */
export async function createFullAccessToken(strapi: Core.Strapi): Promise<string> {
  const created = (await strapi.service('admin::api-token').create({
    name: `test-${randomBytes(4).toString('hex')}`,
    type: 'full-access',
    lifespan: null,
    description: 'integration tests',
  })) as { accessKey: string };
  return created.accessKey;
}
