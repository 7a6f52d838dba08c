import type { Core } from '@strapi/strapi';
import { BASE_ENV, bootApp, createFullAccessToken } from './boot';
import { createTestDatabase, dropRunDatabases, type TestDatabase } from './database';
import { ENGAGEMENT_TEST_ENV } from './engagement-fixtures';

/**
 * The apps and databases a test process shares between its test files. Loaded by the test environment
 * (tests/helpers/app-environment.ts) outside the files' sandboxes, so it lives as long as the process:
 * - a template database per pass: one app builds the schema once, every later app boots on a copy of it
 *   and skips Strapi's schema sync;
 * - the shared app: the default configuration, booted once and used by every file that calls
 *   `useSharedApp()`. Its files keep apart by their own data (unique titles, slugs and files).
 */

/** The shared app's settings: the defaults, plus engagement settings that let tests count (see ENGAGEMENT_TEST_ENV). */
export const SHARED_APP_ENV: Record<string, string> = { ...ENGAGEMENT_TEST_ENV };

/**
 * The template is built without public read access, so every app booted on a copy grants it (or not,
 * with PUBLIC_READ_ACCESS=false) as on a fresh install: the app never revokes permissions it finds.
 */
const TEMPLATE_ENV: Record<string, string> = { PUBLIC_READ_ACCESS: 'false' };

/** The environment of the process before any app changed it; each sandbox starts from it. */
export const PRISTINE_ENV: Readonly<Record<string, string | undefined>> = { ...process.env };

function resetEnv(env: Record<string, string>): void {
  for (const key of Object.keys(process.env)) if (!(key in PRISTINE_ENV)) delete process.env[key];
  Object.assign(process.env, PRISTINE_ENV, env);
}

export interface SharedApp {
  strapi: Core.Strapi;
  baseUrl: string;
  database: TestDatabase;
  /** The environment the app was booted with (secrets, database, settings). */
  env: Record<string, string>;
  /** A full-access API token, created once. */
  token(): Promise<string>;
}

/**
 * `strapi.destroy()` ends with `process.removeAllListeners()` (Strapi 5.54). Inside a test file's sandbox
 * that empties the sandbox's copy of `process`; here, outside it, it would remove Jest's own listeners
 * (a worker's IPC channel, its signal handlers), so they are put back.
 */
async function destroyKeepingListeners(strapi: Core.Strapi): Promise<void> {
  const saved = process.eventNames().map((event) => [event, process.rawListeners(event)] as const);
  try {
    await strapi.destroy();
  } finally {
    for (const [event, listeners] of saved) {
      const current = process.rawListeners(event);
      for (const listener of listeners)
        if (!current.includes(listener))
          process.on(event as string, listener as (...args: unknown[]) => void);
    }
  }
}

let template: Promise<TestDatabase> | undefined;
let shared: Promise<SharedApp> | undefined;
let sharedBooted: SharedApp | undefined;

async function buildTemplate(): Promise<TestDatabase> {
  const database = await createTestDatabase();
  try {
    resetEnv({ ...BASE_ENV(), ...database.env, ...TEMPLATE_ENV });
    const { strapi } = await bootApp({});
    await destroyKeepingListeners(strapi);
    return database;
  } catch (error) {
    await database.drop();
    throw error;
  }
}

/** A new database with the app's schema already in it (a copy of the pass's template). */
export async function newTestDatabase(): Promise<TestDatabase> {
  template ??= buildTemplate();
  return createTestDatabase(undefined, await template);
}

async function bootShared(settings: Record<string, string>): Promise<SharedApp> {
  const database = await newTestDatabase();
  const env = { ...BASE_ENV(), ...database.env, ...SHARED_APP_ENV, ...settings };
  resetEnv(env);
  const { strapi, baseUrl } = await bootApp({});
  let token: Promise<string> | undefined;
  sharedBooted = {
    strapi,
    baseUrl,
    database,
    env,
    token() {
      token ??= createFullAccessToken(strapi);
      return token;
    },
  };
  return sharedBooted;
}

let sharedSettings: string | undefined;

/**
 * The process's shared app, booted on first use with `settings` over SHARED_APP_ENV (a project's own,
 * e.g. the e2e project's demo content). A file of a project with other settings, in the same process,
 * gets a new shared app with those.
 */
export async function sharedApp(settings: Record<string, string> = {}): Promise<SharedApp> {
  const key = JSON.stringify(Object.entries(settings).sort());
  if (shared && sharedSettings !== key) {
    await stopSharedApp();
  }
  sharedSettings = key;
  shared ??= bootShared(settings);
  return shared;
}

/** Stops this process's shared app, if it booted one. */
export async function stopSharedApp(): Promise<void> {
  const app = sharedBooted;
  sharedBooted = undefined;
  shared = undefined;
  if (app) await destroyKeepingListeners(app.strapi);
}

/** Stops the shared app and drops every database of the run (tests/global-teardown.ts). */
export async function closeTestApps(): Promise<void> {
  try {
    await stopSharedApp();
  } finally {
    template = undefined;
    await dropRunDatabases();
  }
}

/**
 * In a Jest worker, stops the worker's shared app when Jest ends the worker, so the worker exits on its
 * own (Jest kills a worker still running half a second later); the run's teardown, in the parent
 * process, drops the databases.
 */
const CHILD_MESSAGE_END = 2; // jest-worker's message to a worker that the run is over
if (process.env.JEST_WORKER_ID && typeof process.send === 'function') {
  const onMessage = (message: unknown) => {
    if (!Array.isArray(message) || message[0] !== CHILD_MESSAGE_END) return;
    // a 'message' listener keeps the IPC channel, and so the worker, alive
    process.off('message', onMessage);
    stopSharedApp().catch((error: unknown) =>
      process.stderr.write(`stopping the shared test app failed: ${String(error)}\n`)
    );
  };
  process.on('message', onMessage);
}
