/**
 * One benchmark server in a process of its own (so it never shares an event loop with the load
 * generator or the other servers), run from the benchmark's compiled build like production runs
 * dist/ (see run.ts): `node bench/.build/bench/serve.js <actor-graph|actor-graph-cached|floor|peer> <bolt uri>`.
 * `actor-graph` runs without the response cache (what every operation's row measures);
 * `actor-graph-cached` with it, at its default size (the repeated-read mix).
 * Prints `READY <url>` once it listens; SIGTERM stops it.
 */
import path from 'node:path';
import { startApi } from '../src/app';
import { DEFAULT_LIMITS, PROJECT_ROOT } from '../src/config';
import { declaration } from '../src/config/variables';
import { createLogger } from '../src/log';
import { createDriver, CypherExecutor } from '../src/neo4j/driver';
import { startFloor } from './floor';

interface PeerModule {
  startPeer: (options: { uri: string; database?: string; port?: number }) => Promise<{ url: string; stop: () => Promise<void> }>;
}

async function main(): Promise<void> {
  const [kind, uri] = process.argv.slice(2);
  if (uri === undefined) throw new Error('usage: serve.ts <actor-graph|actor-graph-cached|floor|peer> <bolt uri>');
  const logger = createLogger('warn');
  let server: { url: string; stop: () => Promise<void> };
  if (kind === 'peer') {
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- a real dynamic import of the peer's ESM (CommonJS output would make it require())
    const importModule = new Function('specifier', 'return import(specifier)') as (s: string) => Promise<PeerModule>;
    const peer = await importModule(path.join(PROJECT_ROOT, 'bench', 'peer', 'server.mjs'));
    server = await peer.startPeer({ uri, database: 'neo4j', port: 0 });
  } else {
    const driver = createDriver({ uri, user: 'neo4j', password: undefined, logger });
    const db = new CypherExecutor(driver, 'neo4j', DEFAULT_LIMITS.queryTimeoutMs);
    const inner =
      kind === 'floor'
        ? await startFloor(db)
        : await startApi(
            // Not production: responses carry their round-trip counts, which the report shows.
            {
              db,
              isReady: () => Promise.resolve(true),
              logger,
              production: false,
              introspection: false,
              limits: DEFAULT_LIMITS,
              maxBodyBytes: 100_000,
              corsOrigins: '*',
              shutdownGraceMs: 1_000,
              responseCacheMaxBytes: kind === 'actor-graph-cached' ? declaration('RESPONSE_CACHE_MAX_BYTES', 'integer').default : 0,
            },
            0,
            '127.0.0.1',
          );
    server = {
      url: inner.url,
      stop: async () => {
        await inner.stop();
        await driver.close();
      },
    };
  }
  process.stdout.write(`READY ${server.url}\n`);
  const stop = (): void => {
    void server.stop().then(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((e: unknown) => {
  process.stderr.write(`serve: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
