import type { Core } from '@strapi/strapi';
import request from 'supertest';
import type { TestAppPool } from './app-environment';
import { BASE_ENV, bootApp, createFullAccessToken } from './boot';
import { createTestDatabase, type TestDatabase } from './database';

export { APP_DIR } from './boot';

export interface TestApp {
  strapi: Core.Strapi;
  database: TestDatabase;
  /** The environment the app was booted with (secrets, database, settings): another process started with it is a second instance on the app's database. */
  env: Record<string, string>;
  /** Where the app listens (a free port on 127.0.0.1). */
  baseUrl: string;
  /** supertest against the app's HTTP server. */
  http: () => ReturnType<typeof request>;
  /** A full-access API token, created on first use. */
  token: () => Promise<string>;
  /** Stops the app; `keepDatabase` leaves the database for a restart (startTestApp(env, app.database)). */
  stop: (options?: { keepDatabase?: boolean }) => Promise<void>;
}

/** The process-wide pool the test environment provides (absent when a script runs these helpers outside Jest). */
const pool = (): TestAppPool | undefined =>
  (globalThis as { testAppPool?: TestAppPool }).testAppPool;

/**
 * A new database holding the schema and nothing else (a copy of the pass's template), as a new site's
 * database is; the caller drops it (or hands it to startTestApp, whose stop drops it).
 */
export const newTestDatabase = (): Promise<TestDatabase> =>
  pool()?.newTestDatabase() ?? createTestDatabase();

/**
 * What an app of a file's own has unless the file says otherwise: no GraphQL plugin. Building its schema
 * was about a third of each boot's CPU time, and the files with apps of their own test other settings;
 * the shared app (with GraphQL) runs the GraphQL tests. A file that queries /graphql on its own app sets
 * `GRAPHQL_ENABLED: 'true'`. Child instances and commands started from such a file inherit it.
 */
const OWN_APP_ENV: Record<string, string> = { GRAPHQL_ENABLED: 'false' };

/**
 * Boots the compiled app (tests/global-setup.ts compiled it) with its own settings, on a new database
 * that already holds the schema (a copy of the pass's template), or on `existingDatabase` (a restart:
 * the first app stopped with `keepDatabase`). For files whose settings differ from the shared app's, or
 * that stop and restart their app; others use `useSharedApp()`.
 */
export async function startTestApp(
  extraEnv: Record<string, string> = {},
  existingDatabase?: TestDatabase
): Promise<TestApp> {
  const database = existingDatabase ?? (await newTestDatabase());
  const env = { ...BASE_ENV(), ...OWN_APP_ENV, ...database.env, ...extraEnv };
  let booted: Awaited<ReturnType<typeof bootApp>>;
  try {
    booted = await bootApp(env);
  } catch (error) {
    await database.drop();
    throw error;
  }
  const { strapi, baseUrl } = booted;

  let token: Promise<string> | undefined;
  return {
    strapi,
    database,
    env,
    baseUrl,
    http: () => request(baseUrl),
    token() {
      token ??= createFullAccessToken(strapi);
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
 * Boots a test app with its own settings for the enclosing `describe` (or file): `beforeAll` starts it,
 * `afterAll` stops it. Returns a getter, since the app exists only once `beforeAll` has run.
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
    if (!app)
      throw new Error(
        'The test app is not running: call useTestApp() at the top of a describe block or file.'
      );
    return app;
  };
}

/**
 * The app in its default configuration (plus ENGAGEMENT_TEST_ENV), booted once per test process and
 * shared by every file that calls this: a file keeps apart by its own data (unique titles, slugs, files),
 * never by an empty database. The run's teardown stops it.
 */
export function useSharedApp(): () => TestApp {
  let app: TestApp | undefined;
  beforeAll(async () => {
    const testAppPool = pool();
    if (!testAppPool)
      throw new Error(
        'useSharedApp() needs the test environment tests/helpers/app-environment.ts (see jest.config.js)'
      );
    const shared = await testAppPool.sharedApp();
    app = {
      strapi: shared.strapi,
      database: shared.database,
      env: shared.env,
      baseUrl: shared.baseUrl,
      http: () => request(shared.baseUrl),
      token: () => shared.token(),
      stop: () =>
        Promise.reject(
          new Error(
            'The shared app is stopped by the test run, not by a test file: use useTestApp() for an app of your own.'
          )
        ),
    };
  });
  return () => {
    if (!app)
      throw new Error(
        'The shared app is not ready: call useSharedApp() at the top of a describe block or file.'
      );
    return app;
  };
}
