import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import type { Config } from '@jest/types';

const APP_DIR = path.join(__dirname, '..');

/** Whether this run includes test files that boot the app (`npm run test:unit` does not). */
export const bootsTheApp = (globalConfig: Config.GlobalConfig): boolean => {
  // set by --selectProjects; the installed @jest/types does not declare it
  const projects = (globalConfig as Config.GlobalConfig & { selectProjects?: string[] })
    .selectProjects;
  return !projects || projects.includes('integration') || projects.includes('e2e');
};

/**
 * Before any test file runs: builds the workspace plugins when their sources changed (the app loads them
 * from their dist/, as an installed package) and compiles the app (config/ and src/ to dist/) once when
 * its sources changed; compiling per file would have parallel workers overwrite dist/. Gives the run an
 * id (its databases' names carry it) and a public folder of its own (uploads land there, not in the
 * project's public/).
 */
export default async function globalSetup(globalConfig: Config.GlobalConfig): Promise<void> {
  if (!bootsTheApp(globalConfig)) return;
  process.env.TEST_RUN_ID = `${process.pid}${randomBytes(2).toString('hex')}`;
  process.env.TEST_PUBLIC_DIR = path.join(
    os.tmpdir(),
    `strapi-test-public-${process.env.TEST_RUN_ID}`
  );
  /* eslint-disable @typescript-eslint/no-require-imports -- plain CommonJS scripts of the project */
  require('../scripts/build-plugins.js').buildPlugins();
  await require('../scripts/compile-app.js').compileApp(APP_DIR);
}
