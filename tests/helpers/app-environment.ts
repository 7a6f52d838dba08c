import type { EnvironmentContext, JestEnvironmentConfig } from '@jest/environment';
import { TestEnvironment } from 'jest-environment-node';
import { newTestDatabase, PRISTINE_ENV, sharedApp } from './app-pool';

/** What a test file's sandbox reaches of the process-wide pool (see tests/helpers/app-pool.ts). */
export interface TestAppPool {
  /** The process's shared app, with the settings of the file's project. */
  sharedApp: () => ReturnType<typeof sharedApp>;
  newTestDatabase: typeof newTestDatabase;
}

/**
 * Jest environment of the integration and e2e tests: Node's, plus `globalThis.testAppPool`, the
 * process's shared app and template database. Each file's `process.env` starts as the process's did
 * before any app was booted, whichever files ran before it.
 */
export default class AppEnvironment extends TestEnvironment {
  /** Settings the project gives its shared app (`testEnvironmentOptions.sharedAppEnv` in jest.config.js). */
  private readonly sharedAppEnv: Record<string, string>;

  constructor(config: JestEnvironmentConfig, context: EnvironmentContext) {
    super(config, context);
    const options = config.projectConfig.testEnvironmentOptions as {
      sharedAppEnv?: Record<string, string>;
    };
    this.sharedAppEnv = options.sharedAppEnv ?? {};
  }

  async setup(): Promise<void> {
    await super.setup();
    const env = this.global.process.env;
    for (const key of Object.keys(env)) delete env[key];
    Object.assign(env, PRISTINE_ENV);
    const settings = this.sharedAppEnv;
    this.global.testAppPool = {
      sharedApp: () => sharedApp(settings),
      newTestDatabase,
    } satisfies TestAppPool;
  }
}
