/** Stops the embedded Neo4j the global setup started and removes its temporary folder. */
import fs from 'node:fs';

export default async function globalTeardown(): Promise<void> {
  const state = globalThis.__TEST_NEO4J__;
  if (state?.embedded !== undefined) await state.embedded.stop();
  if (state?.dataDir !== undefined) fs.rmSync(state.dataDir, { recursive: true, force: true });
}
