import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { createStrapi } from '@strapi/strapi';
import request from 'supertest';
import { createTestDatabase, type TestDatabase } from './database';

export const APP_DIR = path.join(__dirname, '..', '..');

const secret = () => randomBytes(16).toString('base64');

/** Environment every test app gets: throwaway secrets, quiet logs, no demo seeding, no telemetry. */
const BASE_ENV = (): Record<string, string> => ({
  NODE_ENV: 'test',
  APP_KEYS: [secret(), secret()].join(','),
  API_TOKEN_SALT: secret(),
  ADMIN_JWT_SECRET: secret(),
  TRANSFER_TOKEN_SALT: secret(),
  JWT_SECRET: secret(),
  ENCRYPTION_KEY: secret(),
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'error',
  SEED_DEMO_CONTENT: 'false',
  STRAPI_TELEMETRY_DISABLED: 'true',
  STRAPI_DISABLE_UPDATE_NOTIFICATION: 'true',
  BROWSER: 'false',
});

export interface TestApp {
  strapi: Core.Strapi;
  database: TestDatabase;
  /** supertest against the app's HTTP server (no port is opened until a request is made). */
  http: () => ReturnType<typeof request>;
  /** A full-access API token, created on first use. */
  token: () => Promise<string>;
  stop: () => Promise<void>;
}

/**
 * Boots the compiled app (tests/global-setup.js compiled it) against a fresh database: a temp SQLite
 * file, or a new schema/database on PostgreSQL or MySQL/MariaDB when DATABASE_CLIENT says so.
 * Call once per test file in `beforeAll`, and `stop()` in `afterAll`.
 */
export async function startTestApp(extraEnv: Record<string, string> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  Object.assign(process.env, BASE_ENV(), database.env, extraEnv);

  let strapi: Core.Strapi;
  try {
    strapi = await createStrapi({ appDir: APP_DIR, distDir: path.join(APP_DIR, 'dist') }).load();
    strapi.server.mount();
  } catch (error) {
    await database.drop();
    throw error;
  }

  let token: string | undefined;
  return {
    strapi,
    database,
    http: () => request(strapi.server.httpServer),
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
    async stop() {
      try {
        await strapi.destroy();
      } finally {
        await database.drop();
      }
    },
  };
}
