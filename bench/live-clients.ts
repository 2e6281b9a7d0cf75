/**
 * The subscribers of the live-updates benchmark, in a process of their own (so their CPU is not
 * the server's or the writer's): `node live-clients.js <graphql url> <count> <after cursor> [node|no-node]`.
 * Opens `count` graphql-ws connections, each with one `changes(after:)` subscription (selecting
 * the change's node, or with `no-node` only the change itself), and prints
 * `READY` once all are acknowledged. For every change received it records when it arrived, and
 * checks each subscriber's sequence numbers are consecutive. On a line `REPORT <json>` on stdin,
 * where the JSON maps node ids to the times (epoch ms) their writes' commits were acknowledged to
 * the writer, it prints one JSON line with the counts and the percentiles of two delays: commit
 * acknowledged → received, and the change's `at` (stamped inside the writing transaction, before
 * the rest of it and its commit) → received.
 */
import readline from 'node:readline';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { decodeCursor } from '../src/graphql/cursor';

const WITH_NODE = 'subscription Live($after: String) { changes(after: $after) { cursor at kind nodeId node { id ... on Entity { name kind } } } }';
const WITHOUT_NODE = 'subscription Live($after: String) { changes(after: $after) { cursor at kind nodeId } }';
const CONNECT_BATCH = 50;

interface Received {
  changes: { cursor: string; at: string; nodeId: string | null };
}

async function main(): Promise<void> {
  const [url, countText, after, selection = 'node'] = process.argv.slice(2);
  if (url === undefined || countText === undefined || after === undefined) throw new Error('usage: live-clients.js <graphql url> <count> <after cursor> [node|no-node]');
  const query = selection === 'no-node' ? WITHOUT_NODE : WITH_NODE;
  const count = Number(countText);
  const wsUrl = url.replace(/^http/, 'ws');
  const fromStamp: number[] = [];
  /** Arrival times per changed node id. */
  const arrivals = new Map<string, number[]>();
  const start = decodeCursor<[number]>(after, ['number'])[0];
  const positions = new Array<number>(count).fill(start);
  let outOfOrder = 0;
  let errors = 0;
  let closed = 0;
  const clients: Client[] = [];

  for (let i = 0; i < count; i += CONNECT_BATCH) {
    const batch = Array.from({ length: Math.min(CONNECT_BATCH, count - i) }, (_, j) => i + j);
    await Promise.all(
      batch.map(
        (index) =>
          new Promise<void>((resolve, reject) => {
            const client = createClient({
              url: wsUrl,
              webSocketImpl: WebSocket,
              lazy: false,
              retryAttempts: 0,
              onNonLazyError: reject,
              on: {
                connected: () => resolve(),
                closed: () => {
                  closed += 1;
                },
              },
            });
            clients.push(client);
            client.subscribe<Received>(
              { query, variables: { after } },
              {
                next: (result) => {
                  const change = result.data?.changes;
                  if (change === undefined || result.errors !== undefined) {
                    errors += 1;
                    return;
                  }
                  const now = Date.now();
                  fromStamp.push(now - Date.parse(change.at));
                  const list = arrivals.get(change.nodeId ?? '');
                  if (list === undefined) arrivals.set(change.nodeId ?? '', [now]);
                  else list.push(now);
                  const seq = decodeCursor<[number]>(change.cursor, ['number'])[0];
                  if (seq !== (positions[index] ?? 0) + 1) outOfOrder += 1;
                  positions[index] = seq;
                },
                error: () => {
                  errors += 1;
                },
                complete: () => undefined,
              },
            );
          }),
      ),
    );
  }
  process.stdout.write('READY\n');

  const percentiles = (values: number[]): { p50: number; p90: number; p99: number; max: number } => {
    const sorted = Float64Array.from(values).sort();
    const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
    return { p50: at(0.5), p90: at(0.9), p99: at(0.99), max: sorted[sorted.length - 1] ?? Number.NaN };
  };
  readline.createInterface({ input: process.stdin }).on('line', (line) => {
    const command = /^REPORT (.*)$/.exec(line.trim());
    if (command?.[1] === undefined) return;
    const commits = JSON.parse(command[1]) as Record<string, number>;
    const fromCommit: number[] = [];
    for (const [nodeId, committed] of Object.entries(commits)) for (const arrived of arrivals.get(nodeId) ?? []) fromCommit.push(arrived - committed);
    const lowest = positions.reduce((a, b) => Math.min(a, b), Number.POSITIVE_INFINITY);
    const highest = positions.reduce((a, b) => Math.max(a, b), 0);
    process.stdout.write(
      `${JSON.stringify({ received: fromStamp.length, lowestPosition: lowest, highestPosition: highest, outOfOrder, errors, closed, fromCommit: percentiles(fromCommit), fromStamp: percentiles(fromStamp), measured: fromCommit.length })}\n`,
    );
  });
  process.once('SIGTERM', () => {
    void Promise.all(clients.map((c) => Promise.resolve(c.dispose()))).then(() => process.exit(0));
  });
}

main().catch((e: unknown) => {
  process.stderr.write(`live-clients: ${e instanceof Error ? e.message : JSON.stringify(e)}\n`);
  process.exit(1);
});
