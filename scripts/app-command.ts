/**
 * What the app's own command-line scripts (`content:check`, `comments:reconcile`) share: the app compiled
 * (when config/ or src/ changed) and loaded without serving requests, the job run, the app destroyed;
 * and the exit: the job's code, or 1 with the error's message.
 */
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { createStrapi } from '@strapi/strapi';
import { compileApp } from './compile-app';
import { errorMessage } from '../src/utils/error-message';

const APP_DIR = path.join(__dirname, '..');

/**
 * Loads the app and runs `job` with it, destroying the app afterwards. A command serves no requests: the
 * GraphQL plugin (config/plugins.ts) is left out, which loads the app about a second sooner; nothing a
 * command reads or writes depends on it (tests/graphql-absent.test.ts).
 */
export async function withLoadedApp<T>(job: (strapi: Core.Strapi) => Promise<T>): Promise<T> {
  process.env.GRAPHQL_ENABLED = 'false';
  // A command never seeds the demo articles into an empty database (development does, on start): an
  // import into a new site must bring only what the export holds.
  process.env.SEED_DEMO_CONTENT = 'false';
  const appContext = await compileApp(APP_DIR);
  const strapi = await createStrapi({ ...appContext, autoReload: false }).load();
  try {
    return await job(strapi);
  } finally {
    await strapi.destroy();
  }
}

/** Runs a command's `main` and exits with its code; a failure prints `<name> failed: <message>` and exits 1. */
export function runCommand(name: string, main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`${name} failed: ${errorMessage(error)}\n`);
      process.exit(1);
    }
  );
}
