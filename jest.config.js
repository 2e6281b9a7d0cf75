/**
 * Projects split by cost: `unit` needs no database; `integration` talks to a real Neo4j that
 * the global setup starts (embedded, on a free port, in a temporary folder) unless NEO4J_URI is set;
 * `bench` runs the benchmark end to end and is left out of `npm test` (see package.json).
 * One runner for both (tests/support/runner.js): the unit files run first, in parallel workers,
 * while the embedded Neo4j boots; then the integration files, which share that database, run one
 * at a time in the main process.
 *
 * `jose` ships only ES modules. Node 20.19+ require()s them natively (the build relies on that),
 * but Jest's module loader on Node before 24.9 cannot, so its files are compiled to CommonJS here.
 */
const os = require('node:os');

const transform = {
  '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
  '/node_modules/jose/.+\\.js$': ['ts-jest', { tsconfig: { allowJs: true, isolatedModules: true, module: 'commonjs', target: 'es2022' } }],
};
const transformIgnorePatterns = ['/node_modules/(?!jose/)'];
const runner = '<rootDir>/tests/support/runner.js';

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      runner,
      transform,
      transformIgnorePatterns,
      testMatch: ['<rootDir>/tests/unit/**/*.test.ts'],
    },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      runner,
      transform,
      transformIgnorePatterns,
      testMatch: ['<rootDir>/tests/integration/**/*.test.ts'],
      globalSetup: '<rootDir>/tests/support/global-setup.ts',
      globalTeardown: '<rootDir>/tests/support/global-teardown.ts',
      slowTestThreshold: 30,
    },
    // `npm run test:bench` (its own CI step, not part of `npm test`): the benchmark end to end at
    // its smallest size, with a Neo4j of its own.
    {
      displayName: 'bench',
      testEnvironment: 'node',
      transform,
      transformIgnorePatterns,
      testMatch: ['<rootDir>/tests/bench/**/*.test.ts'],
      slowTestThreshold: 120,
    },
  ],
  // Jest's default leaves one core to itself; the main process idles while the unit workers run.
  maxWorkers: Math.max(1, os.availableParallelism()),
  reporters: ['<rootDir>/tests/support/progress-reporter.js', '<rootDir>/tests/support/summary-reporter.js'],
  testTimeout: 60_000,
};
