/** Stops the embedded Neo4j the global setup started (once its start has settled) and removes its temporary folders. */
import fs from 'node:fs';

export default async function globalTeardown(): Promise<void> {
  const state = globalThis.__TEST_NEO4J__;
  await globalThis.__TEST_NEO4J_READY__?.catch(() => undefined);
  const embedded = await state?.embedded?.catch(() => undefined);
  if (embedded !== undefined) await embedded.stop();
  if (state?.dataDir !== undefined) fs.rmSync(state.dataDir, { recursive: true, force: true });
  if (state !== undefined) fs.rmSync(state.stateDir, { recursive: true, force: true });
}
