/**
 * Live-update clients for integration tests: the graphql-ws client (over the `ws` package, as a
 * Node front end would use it) with helpers that collect what a subscription receives, and
 * direct reads of the change log to compare it with.
 */
import { createClient, type Client, type ClientOptions, type FormattedExecutionResult } from 'graphql-ws';
import WebSocket from 'ws';
import { decodeCursor } from '../../src/graphql/cursor';
import type { CypherExecutor } from '../../src/neo4j/driver';
import { toNumber } from '../../src/neo4j/driver';

export const CHANGES = 'subscription Changes($after: String) { changes(after: $after) { cursor at by kind nodeId } }';

export interface ReceivedChange {
  cursor: string;
  at: string;
  by: string;
  kind: string;
  nodeId: string | null;
  node?: unknown;
}

/** The WebSocket URL of an API's /graphql. */
export const wsUrl = (httpUrl: string): string => httpUrl.replace(/^http/, 'ws');

/** The sequence number a change cursor stands for. */
export const seqOf = (cursor: string): number => decodeCursor<[number]>(cursor, ['number'])[0];

export interface LiveClient {
  client: Client;
  /** Resolves with the close code when the socket closes (the client does not retry). */
  closed: Promise<{ code: number; reason: string }>;
  /** Resolves once the server acknowledged connection_init. */
  connected: Promise<void>;
  dispose: () => Promise<void>;
}

/** A graphql-ws client that connects at once and never retries (tests see every close). */
export function liveClient(httpUrl: string, options: Partial<ClientOptions> = {}): LiveClient {
  let onClosed: (event: { code: number; reason: string }) => void = () => undefined;
  const closed = new Promise<{ code: number; reason: string }>((resolve) => (onClosed = resolve));
  let onConnected: () => void = () => undefined;
  const connected = new Promise<void>((resolve) => (onConnected = resolve));
  const client = createClient({
    url: wsUrl(httpUrl),
    webSocketImpl: WebSocket,
    lazy: false,
    retryAttempts: 0,
    onNonLazyError: () => undefined,
    ...options,
    on: {
      connected: () => onConnected(),
      closed: (event) => {
        const e = event as { code?: number; reason?: string };
        onClosed({ code: e.code ?? 0, reason: String(e.reason ?? '') });
      },
      ...options.on,
    },
  });
  return { client, closed, connected, dispose: () => client.dispose() as Promise<void> };
}

/** What one subscription received, and ways to wait for more. */
export class Collected<T = Record<string, unknown>> {
  readonly results: FormattedExecutionResult<T, unknown>[] = [];
  error: unknown = undefined;
  completed = false;
  private waiters: (() => void)[] = [];
  readonly unsubscribe: () => void;

  constructor(client: Client, query: string, variables: Record<string, unknown> = {}) {
    this.unsubscribe = client.subscribe<T>(
      { query, variables },
      {
        next: (result) => {
          this.results.push(result);
          this.wake();
        },
        error: (e: unknown) => {
          this.error = e;
          this.wake();
        },
        complete: () => {
          this.completed = true;
          this.wake();
        },
      },
    );
  }

  /** Waits until `check` holds (checked after every message), or fails after `timeoutMs` saying what was received. */
  async until(check: (self: this) => boolean, timeoutMs = 15_000, what = 'the expected messages'): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!check(this)) {
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new Error(`${what} did not arrive within ${timeoutMs} ms; received ${this.results.length} results (last: ${JSON.stringify(this.results.at(-1))}), error: ${JSON.stringify(this.error)}, completed: ${this.completed}`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 200));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Waits for the subscription to end with an error or a completion. */
  ended(timeoutMs = 15_000): Promise<void> {
    return this.until((s) => s.error !== undefined || s.completed, timeoutMs, 'the end of the subscription');
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}

/** A subscription to `changes` whose received changes are listed in order. */
export class ChangeCollector extends Collected<{ changes: ReceivedChange }> {
  constructor(client: Client, query = CHANGES, variables: Record<string, unknown> = {}) {
    super(client, query, variables);
  }

  get changes(): ReceivedChange[] {
    return this.results.flatMap((r) => (r.data?.changes === undefined ? [] : [r.data.changes]));
  }

  get seqs(): number[] {
    return this.changes.map((c) => seqOf(c.cursor));
  }

  /** Waits until a change with sequence number `seq` (or later) has arrived. */
  reach(seq: number, timeoutMs = 15_000): Promise<void> {
    return this.until((s) => s.seqs.some((n) => n >= seq), timeoutMs, `change ${seq}`);
  }
}

/** The change log as Neo4j has it, read independently of the API: sequence numbers in order. */
export function logSeqs(db: CypherExecutor, after = 0): Promise<number[]> {
  return db.read('MATCH (c:Change) WHERE c.seq > $after RETURN c.seq AS seq ORDER BY seq', { after }, (records) => records.map((r) => toNumber(r.get('seq'))));
}

/** The end of the change log (0 when empty), read independently of the API. */
export function logEnd(db: CypherExecutor): Promise<number> {
  return db.read("OPTIONAL MATCH (c:Change) RETURN coalesce(max(c.seq), 0) AS seq", {}, (records) => toNumber(records[0]?.get('seq') ?? 0));
}

/** `from`, `from + 1`, …, `to`. */
export const range = (from: number, to: number): number[] => Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
