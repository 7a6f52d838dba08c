/** Unit tests live beside the code in __tests__/; integration tests boot the whole app from tests/. */
const tsJest = ['ts-jest', { tsconfig: 'tsconfig.check.json', diagnostics: false }];

module.exports = {
  globalSetup: '<rootDir>/tests/global-setup.ts',
  globalTeardown: '<rootDir>/tests/global-teardown.ts',
  testTimeout: 120000,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform: { '^.+\\.tsx?$': tsJest },
      testMatch: ['<rootDir>/src/**/__tests__/**/*.test.ts', '<rootDir>/plugins/*/server/**/__tests__/**/*.test.ts', '<rootDir>/scripts/**/__tests__/**/*.test.ts', '<rootDir>/plugins/*/bin/**/__tests__/**/*.test.ts'],
    },
    {
      displayName: 'integration',
      // Node's environment plus the process's shared app and template database (tests/helpers/app-pool.ts)
      testEnvironment: '<rootDir>/tests/helpers/app-environment.ts',
      // a spy on the shared app's services must not outlive its test
      restoreMocks: true,
      transform: { '^.+\\.tsx?$': tsJest },
      testMatch: ['<rootDir>/tests/**/*.test.ts', '<rootDir>/plugins/*/tests/**/*.test.ts'],
    },
    {
      // real browser against the built admin: `npm run test:e2e` builds the admin first
      displayName: 'e2e',
      testEnvironment: '<rootDir>/tests/helpers/app-environment.ts',
      restoreMocks: true,
      transform: { '^.+\\.tsx?$': tsJest },
      testMatch: ['<rootDir>/tests/e2e/**/*.e2e.ts'],
    },
  ],
};
