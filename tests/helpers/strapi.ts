import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { createStrapi } from '@strapi/strapi';
import request from 'supertest';
import { createTestDatabase, type TestDatabase } from './database';
import { throwawaySecrets } from './secrets';

export const APP_DIR = path.join(__dirname, '..', '..');

/** Environment every test app gets: throwaway secrets, quiet logs, no demo seeding, no telemetry. */
const BASE_ENV = (): Record<string, string> => ({
  NODE_ENV: 'test',
  ...throwawaySecrets(),
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'error',
  SEED_DEMO_CONTENT: 'false',
  STRAPI_TELEMETRY_DISABLED: 'true',
  STRAPI_DISABLE_UPDATE_NOTIFICATION: 'true',
  BROWSER: 'false',
  // Test apps run side by side (and CI sets REDIS_URL for all of them): each gets its own Redis keys,
  // so one app's flusher never writes another app's counts.
  ENGAGEMENT_REDIS_PREFIX: `engagement-test-${process.pid}-${randomBytes(3).toString('hex')}:`,
});

export interface TestApp {
  strapi: Core.Strapi;
  database: TestDatabase;
  /** Where the app listens (a free port on 127.0.0.1). */
  baseUrl: string;
  /** supertest against the app's HTTP server. */
  http: () => ReturnType<typeof request>;
  /** A full-access API token, created on first use. */
  token: () => Promise<string>;
  /** Stops the app; `keepDatabase` leaves the database for a restart (startTestApp(env, app.database)). */
  stop: (options?: { keepDatabase?: boolean }) => Promise<void>;
}

/**
 * Boots the compiled app (tests/global-setup.js compiled it) against a fresh database: a temp SQLite
 * file, or a new schema/database on PostgreSQL or MySQL/MariaDB when DATABASE_CLIENT says so; or against
 * `existingDatabase` (a restart: the first app stopped with `keepDatabase`).
 * Call once per test file in `beforeAll`, and `stop()` in `afterAll`.
 */
export async function startTestApp(extraEnv: Record<string, string> = {}, existingDatabase?: TestDatabase): Promise<TestApp> {
  const database = existingDatabase ?? (await createTestDatabase());
  Object.assign(process.env, BASE_ENV(), database.env, extraEnv);

  let strapi: Core.Strapi;
  let baseUrl: string;
  try {
    strapi = await createStrapi({ appDir: APP_DIR, distDir: path.join(APP_DIR, 'dist') }).load();
    strapi.server.mount();
    // Listen once on a free port: supertest's own per-request listen breaks under concurrent requests.
    const server = strapi.server.httpServer;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  } catch (error) {
    await database.drop();
    throw error;
  }

  let token: string | undefined;
  return {
    strapi,
    database,
    baseUrl,
    http: () => request(baseUrl),
    async token() {
      if (!token) {
        const created = (await strapi.service('admin::api-token').create({
          name: `test-${randomBytes(4).toString('hex')}`,
          type: 'full-access',
          lifespan: null,
          description: 'integration tests',
        })) as { accessKey: string };
        token = created.accessKey;
      }
      return token;
    },
    async stop(options = {}) {
      try {
        await strapi.destroy();
      } finally {
        if (!options.keepDatabase) await database.drop();
      }
    },
  };
}

/**
 * Boots a test app for the enclosing `describe` (or file): `beforeAll` starts it, `afterAll` stops it.
 * Returns a getter, since the app exists only once `beforeAll` has run.
 */
export function useTestApp(extraEnv: Record<string, string> = {}): () => TestApp {
  let app: TestApp | undefined;
  beforeAll(async () => {
    app = await startTestApp(extraEnv);
  });
  afterAll(async () => {
    await app?.stop();
    for (const key of Object.keys(extraEnv)) delete process.env[key];
  });
  return () => {
    if (!app) throw new Error('The test app is not running: call useTestApp() at the top of a describe block or file.');
    return app;
  };
}
