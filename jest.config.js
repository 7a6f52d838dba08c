/**
 * Unit tests live beside the code in __tests__/; integration tests boot the whole app from tests/ (see the
 * README's "Tests" section for which app each file uses and which files run on which database).
 */
const os = require('node:os');

const tsJest = ['ts-jest', { tsconfig: 'tsconfig.check.json', diagnostics: false }];

/**
 * Integration files that exercise HTTP contracts, configuration or image processing and no SQL of their
 * own: the SQLite pass runs them, the PostgreSQL and MariaDB passes leave them out. Every other file
 * (queries, transactions, unique indexes, migrations, counts tables, two instances) runs on all three.
 */
const SQLITE_ONLY = [
  'smoke', // health check and one public read
  'packaging', // the plugins' packages and a fresh app installing them
  'openapi', // the OpenAPI document built from the routes
  'graphql-absent', // the app without the GraphQL plugin
  'permissions', // the Public role's grants, over HTTP
  'ai-disclosure-off', // a configuration switch
  'cors', // CORS headers from configuration
  'frontend-urls', // FRONTEND_URL in the share redirect, the comments' links and Preview
  'engagement/permissions', // who may read the figures, over HTTP
  'engagement/fast-view', // the view endpoint's rate limit (memory)
  'engagement/floods', // caps of the in-memory dedupe and rate limit tables
  'engagement/proxies', // client IPs behind proxies
  'engagement/config-variants', // configuration validation
  'engagement/redis-slow', // a slow Redis (the database is not involved)
  'thumbnails/orientation', // image processing (sharp) from here on
  'thumbnails/responsive',
  'thumbnails/odd-files',
  'thumbnails/bad-input',
  'thumbnails/variants',
  'thumbnails/variant-rights',
  'thumbnails/provenance',
  'thumbnails/admin',
  'thumbnails/config',
  'thumbnails/upload-pipeline', // how often one upload opens its image
  // Processes and their signals: the SQL they run is the services', which other files run on every
  // database (thumbnails/regenerate for the regenerate CLI's, engagement/exactness and flush-failures
  // for the flush that a signal triggers).
  'thumbnails/regenerate-cli', // the CLI's arguments, output and exit codes
  'engagement/shutdown-signals', // SIGTERM and SIGINT through npm start, and as PID 1
  'comments/reconcile-cli', // the command's output and exit code (comments/moderation reconciles on every database)
  'wordpress/import-cli', // the command's output, a kill and --resume (wordpress/import runs the import on every database)
];

const databaseClient = process.env.DATABASE_CLIENT ?? 'sqlite';
const integrationIgnored =
  databaseClient === 'sqlite'
    ? []
    : SQLITE_ONLY.map((name) => `<rootDir>/tests/${name}\\.test\\.ts$`);

module.exports = {
  globalSetup: '<rootDir>/tests/global-setup.ts',
  globalTeardown: '<rootDir>/tests/global-teardown.ts',
  // the ten slowest files at the end of every run
  reporters: ['default', '<rootDir>/tests/slowest-files-reporter.js'],
  testTimeout: 120000,
  // Integration files wait on the app as much as they compute: two workers use two cores where Jest's
  // default (cores - 1) would run one. Each worker boots its own shared app, so more than four would
  // mostly add boots and memory.
  maxWorkers: Math.min(4, Math.max(2, os.availableParallelism() - 1)),
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform: { '^.+\\.tsx?$': tsJest },
      testMatch: [
        '<rootDir>/src/**/__tests__/**/*.test.ts',
        '<rootDir>/plugins/*/server/**/__tests__/**/*.test.ts',
        '<rootDir>/plugins/*/shared/**/__tests__/**/*.test.ts',
        '<rootDir>/scripts/**/__tests__/**/*.test.ts',
        '<rootDir>/plugins/*/bin/**/__tests__/**/*.test.ts',
        '<rootDir>/frontend/src/**/__tests__/**/*.test.ts',
      ],
    },
    {
      displayName: 'integration',
      // Node's environment plus the process's shared app and template database (tests/helpers/app-pool.ts)
      testEnvironment: '<rootDir>/tests/helpers/app-environment.ts',
      // a spy on the shared app's services must not outlive its test
      restoreMocks: true,
      transform: { '^.+\\.tsx?$': tsJest },
      testMatch: ['<rootDir>/tests/**/*.test.ts', '<rootDir>/plugins/*/tests/**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', ...integrationIgnored],
    },
    {
      // real browser against the built admin: `npm run test:e2e` builds the admin first
      displayName: 'e2e',
      testEnvironment: '<rootDir>/tests/helpers/app-environment.ts',
      // One app per worker for the browser files, with the demo content an editor finds on a new site and
      // the default flush interval, so the admin shows writes as an editor sees them; its public site is
      // the reference frontend that tests/e2e/frontend.e2e.ts starts (tests/helpers/frontend.ts).
      testEnvironmentOptions: {
        sharedAppEnv: {
          SEED_DEMO_CONTENT: 'true',
          ENGAGEMENT_FLUSH_INTERVAL_MS: '5000',
          FRONTEND_URL: 'http://127.0.0.1:3123',
          // the older setting (set for the integration tests) would win over FRONTEND_URL
          ENGAGEMENT_ARTICLE_URL: '',
          PREVIEW_SECRET: 'e2e-preview-secret-not-for-production',
        },
      },
      restoreMocks: true,
      transform: { '^.+\\.tsx?$': tsJest },
      testMatch: ['<rootDir>/tests/e2e/**/*.e2e.ts'],
    },
  ],
};
