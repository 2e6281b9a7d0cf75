/**
 * Tests that need something outside the repository (a tool on PATH, a file beside the checkout)
 * show as skipped where it is missing, never as passed. In CI (`CI=true`, which .ci/run sets)
 * the prerequisite is part of the set-up, so the test runs and a missing one fails it.
 */
export const IN_CI = process.env.CI === 'true';

/** `it` when `available` or in CI, else `it.skip` (Jest then counts the test as skipped). */
export function itWhen(available: boolean): jest.It {
  return available || IN_CI ? it : it.skip;
}
