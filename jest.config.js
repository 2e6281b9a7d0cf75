/**
 * Two projects split by cost: `unit` needs no database; `integration` talks to a real Neo4j that
 * the global setup starts (embedded, on a free port, in a temporary folder) unless NEO4J_URI is set.
 * Integration test files share that database, so they run one at a time (--runInBand).
 */
const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] };

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/tests/unit/**/*.test.ts'],
    },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/tests/integration/**/*.test.ts'],
      globalSetup: '<rootDir>/tests/support/global-setup.ts',
      globalTeardown: '<rootDir>/tests/support/global-teardown.ts',
      slowTestThreshold: 30,
    },
  ],
  reporters: ['<rootDir>/tests/support/progress-reporter.js', '<rootDir>/tests/support/summary-reporter.js'],
  testTimeout: 60_000,
  // A leaked handle must not hang CI for its whole time budget; Jest still names the problem.
  forceExit: true,
};
