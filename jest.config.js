/**
 * Two projects split by cost: `unit` needs no database; `integration` talks to a real Neo4j that
 * the global setup starts (embedded, on a free port, in a temporary folder) unless NEO4J_URI is set.
 * Integration test files share that database, so they run one at a time (--runInBand).
 *
 * `jose` ships only ES modules. Node 20.19+ require()s them natively (the build relies on that),
 * but Jest's module loader on Node before 24.9 cannot, so its files are compiled to CommonJS here.
 */
const transform = {
  '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
  '/node_modules/jose/.+\\.js$': ['ts-jest', { tsconfig: { allowJs: true, isolatedModules: true, module: 'commonjs', target: 'es2022' } }],
};
const transformIgnorePatterns = ['/node_modules/(?!jose/)'];

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform,
      transformIgnorePatterns,
      testMatch: ['<rootDir>/tests/unit/**/*.test.ts'],
    },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      transform,
      transformIgnorePatterns,
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
