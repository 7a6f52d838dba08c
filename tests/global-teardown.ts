import fs from 'node:fs';
import type { Config } from '@jest/types';
import { closeTestApps } from './helpers/app-pool';
import { bootsTheApp } from './global-setup';

/** After the last test file: stops the shared app, drops the run's databases and removes its public folder. */
export default async function globalTeardown(globalConfig: Config.GlobalConfig): Promise<void> {
  if (!bootsTheApp(globalConfig)) return;
  try {
    await closeTestApps();
  } finally {
    if (process.env.TEST_PUBLIC_DIR)
      fs.rmSync(process.env.TEST_PUBLIC_DIR, { recursive: true, force: true });
  }
}
