/**
 * The one Neo4j driver of the process and the executor every query goes through. Each unit of
 * work opens a session on the named database, runs one explicit transaction (so the same code
 * routes correctly on a cluster) and closes the session. Driver failures are translated here, in
 * one place, to the plain errors of errors.ts (the GraphQL layer gives them their codes).
 *
 * The executor, not the driver, owns what a client must be able to rely on when Neo4j crashes or
 * hangs:
 * - A deadline: the query timeout plus a margin, shared by all units of work of one request.
 *   Neo4j enforces the timeout itself, but a frozen Neo4j enforces nothing and the driver has no
 *   read timeout, so at the deadline the unit is answered here and its Bolt connection is
 *   destroyed (not returned to the pool); the abandoned driver work then fails and ends at once.
 * - Retries: a few short ones within a fixed budget, and none while Neo4j is known to be down, so
 *   an outage fails every request the same way, fast. (The driver's own retries back off with
 *   jitter and check the elapsed time only before sleeping: 3 or 7 s, by chance.)
 * - Write outcomes: the commit is sent only after the work succeeded, so a write cut off before it
 *   is known not to be applied, and one cut off after it is WRITE_OUTCOME_UNKNOWN.
 */
import net from 'node:net';
import neo4j, {
  type Driver,
  type ManagedTransaction as DriverManagedTransaction,
  type Record as Neo4jRecord,
  type Session,
  type Transaction,
} from 'neo4j-driver';
import { DEFAULT_LIMITS } from '../config';
import { Neo4jTimeout, Neo4jUnavailable, WriteOutcomeUnknown } from './errors';
import type { Logger } from '../log';

export type { Driver, Neo4jRecord };
export type Params = Record<string, unknown>;

/** What a unit of work does with its transaction: run statements. The executor commits. */
export type ManagedTransaction = Pick<DriverManagedTransaction, 'run'>;

export interface DriverOptions {
  uri: string;
  user: string;
  password: string | undefined;
  logger: Logger;
}

/** Most Bolt connections the process opens (in use, idle, or being opened to a frozen Neo4j). */
export const MAX_CONNECTION_POOL_SIZE = 100;

export function createDriver({ uri, user, password, logger }: DriverOptions): Driver {
  // No password: the embedded Neo4j (auth disabled) or an external one with NEO4J_AUTH=none.
  const auth = password === undefined ? { scheme: 'none', principal: '', credentials: '' } : neo4j.auth.basic(user, password);
  return neo4j.driver(uri, auth, {
    // The driver's defaults wait 30-60 s before admitting Neo4j is gone; fail promptly instead.
    connectionTimeout: 3_000,
    // Below the default request deadline, so a request waiting for a connection is answered by
    // the driver and its wait ends with it.
    connectionAcquisitionTimeout: 5_000,
    // Only start-up (driver.executeQuery) uses the driver's retries; the CypherExecutor retries itself.
    maxTransactionRetryTime: 3_000,
    maxConnectionPoolSize: MAX_CONNECTION_POOL_SIZE,
    userAgent: 'actor-graph',
    logging: {
      level: 'warn',
      logger: (level, message) => (level === 'error' ? logger.error({ neo4j: message }) : logger.warn({ neo4j: message })),
    },
  });
}

const UNAVAILABLE_CODES = new Set(['ServiceUnavailable', 'SessionExpired', 'Neo.TransientError.General.DatabaseUnavailable']);
const TIMEOUT_CODES = new Set([
  'Neo.ClientError.Transaction.TransactionTimedOut',
  'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration',
]);

/** The pool's "no connection within connectionAcquisitionTimeout" carries no code, only this text. */
function isAcquisitionTimeout(e: InstanceType<typeof neo4j.Neo4jError>): boolean {
  return e.message.startsWith('Connection acquisition timed out');
}

function isUnavailable(e: unknown): boolean {
  return e instanceof neo4j.Neo4jError && (UNAVAILABLE_CODES.has(e.code) || isAcquisitionTimeout(e));
}

/** Maps driver errors to this layer's errors; anything unrecognised is returned unchanged (and masked later). */
export function translateDriverError(e: unknown): unknown {
  if (isUnavailable(e)) return new Neo4jUnavailable();
  if (e instanceof neo4j.Neo4jError && TIMEOUT_CODES.has(e.code)) return new Neo4jTimeout();
  return e;
}

/**
 * Whether Neo4j itself answered with this error (a FAILURE message). Errors the driver makes up
 * (lost connection, `ServiceUnavailable`, `SessionExpired`) mean no answer came.
 */
function answeredByServer(e: unknown): boolean {
  return e instanceof neo4j.Neo4jError && e.code.startsWith('Neo.');
}

/**
 * Delays before each retry of a unit of work that failed with a retryable error (lost
 * connection, Neo4j unreachable, deadlock): the first replaces a stale connection at once. With
 * ±10 % jitter they add up to at most 1.54 s, inside RETRY_BUDGET_MS, so a request that meets a
 * crashed Neo4j fails after the same number of attempts every time.
 */
const RETRY_DELAYS_MS = [0, 200, 400, 800];
const RETRY_BUDGET_MS = 2_000;

type Mode = 'READ' | 'WRITE';
type Work<T> = (tx: ManagedTransaction) => Promise<T>;
type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown; expired: boolean; committing: boolean };

/** What all executors derived from one root share. */
class SharedState {
  /** Set when a unit of work found Neo4j unreachable; cleared by the next success. */
  downSince: number | undefined = undefined;
  /** Units answered at their deadline whose driver work has not ended yet. */
  abandoned = 0;
  warnedInternals = false;
  /** Told of each change-log sequence number committed through these executors (the graph version listens). */
  readonly commitListeners = new Set<(seq: number) => void>();
}

export interface CypherExecutorOptions {
  /** Added to the timeout to form the client-side deadline (default DEFAULT_LIMITS.deadlineMarginMs). */
  deadlineMarginMs?: number;
}

/**
 * Runs named Cypher against one database. `queryCount` counts units of work (Bolt round trips of
 * a query) so callers can observe and bound them; a request gets its own executor via `forRequest`.
 */
export class CypherExecutor {
  queryCount = 0;
  private readonly deadlineMarginMs: number;
  private shared = new SharedState();
  /** When the request this executor serves must be answered by (forRequest); per unit otherwise. */
  private requestDeadline: number | undefined;

  constructor(
    private readonly driver: Driver,
    readonly database: string,
    private readonly timeoutMs?: number,
    options: CypherExecutorOptions = {},
  ) {
    this.deadlineMarginMs = options.deadlineMarginMs ?? DEFAULT_LIMITS.deadlineMarginMs;
  }

  /**
   * Writers that record a change in the change log (queries/changes.ts) report its sequence number
   * here once their transaction committed, through any executor derived from the same root.
   */
  changeCommitted(seq: number): void {
    for (const listener of this.shared.commitListeners) listener(seq);
  }

  /** Called with every sequence number `changeCommitted` reports; returns an unsubscribe function. */
  onChangeCommitted(listener: (seq: number) => void): () => void {
    this.shared.commitListeners.add(listener);
    return () => this.shared.commitListeners.delete(listener);
  }

  /**
   * A fresh executor on the same driver with its own query counter and the request's deadline
   * (timeout plus margin from now, for all its units of work together).
   */
  forRequest(): CypherExecutor {
    return this.derive(this.timeoutMs, this.deadlineMs === undefined ? undefined : Date.now() + this.deadlineMs);
  }

  /** The same database with another transaction timeout (undefined: the server's, none by default, and no deadline). */
  withTimeout(timeoutMs: number | undefined): CypherExecutor {
    return this.derive(timeoutMs, undefined);
  }

  /** How long a request may take before it is answered without Neo4j (undefined: no deadline). */
  get deadlineMs(): number | undefined {
    return this.timeoutMs === undefined ? undefined : this.timeoutMs + this.deadlineMarginMs;
  }

  /** Units of work answered at their deadline whose driver work is still winding down. */
  get abandonedUnits(): number {
    return this.shared.abandoned;
  }

  /** Whether the last unit of work that reached a verdict found Neo4j unreachable. */
  get knownDown(): boolean {
    return this.shared.downSince !== undefined;
  }

  read<T>(cypher: string, params: Params, map: (records: Neo4jRecord[]) => T): Promise<T> {
    return this.readTransaction(async (tx) => map((await tx.run(cypher, params)).records));
  }

  write<T>(cypher: string, params: Params, map: (records: Neo4jRecord[]) => T): Promise<T> {
    return this.writeTransaction(async (tx) => map((await tx.run(cypher, params)).records));
  }

  readTransaction<T>(work: Work<T>, name?: string): Promise<T> {
    return this.unitOfWork('READ', work, name);
  }

  /**
   * A write transaction. Failing before its commit was sent, it is known not to be applied (and
   * is retried like a read); cut off after (deadline or lost connection), it rejects with
   * WriteOutcomeUnknown. Writes must therefore be idempotent. `name` (the mutation or job,
   * e.g. `assertRelationship`) reaches Neo4j's query log as transaction metadata.
   */
  writeTransaction<T>(work: Work<T>, name?: string): Promise<T> {
    return this.unitOfWork('WRITE', work, name);
  }

  /** Whether Neo4j answers a trivial query within `budgetMs`: one attempt, the connection discarded if not. */
  async ping(budgetMs: number): Promise<boolean> {
    const outcome = await this.attempt('READ', async (tx) => (await tx.run('RETURN 1')).records, Date.now() + budgetMs, budgetMs);
    if (outcome.ok) this.shared.downSince = undefined;
    else if (!outcome.expired && isUnavailable(outcome.error)) this.shared.downSince ??= Date.now();
    return outcome.ok;
  }

  private derive(timeoutMs: number | undefined, requestDeadline: number | undefined): CypherExecutor {
    const derived = new CypherExecutor(this.driver, this.database, timeoutMs, { deadlineMarginMs: this.deadlineMarginMs });
    derived.shared = this.shared;
    derived.requestDeadline = requestDeadline;
    return derived;
  }

  private async unitOfWork<T>(mode: Mode, work: Work<T>, name?: string): Promise<T> {
    this.queryCount += 1;
    const started = Date.now();
    const unitDeadline = this.deadlineMs === undefined ? undefined : started + this.deadlineMs;
    const deadline = this.requestDeadline === undefined || unitDeadline === undefined ? unitDeadline : Math.min(this.requestDeadline, unitDeadline);
    // Known down before this unit began: one attempt, so an outage fails every request at once.
    const retries = this.shared.downSince === undefined ? RETRY_DELAYS_MS : [];
    for (let attempt = 0; ; attempt += 1) {
      if (deadline !== undefined && Date.now() >= deadline) throw this.deadlineError(mode, false);
      // Neo4j gets the time left minus the margin, so normally it stops a slow query itself and
      // the connection survives; the client-side deadline is for when it cannot.
      const serverTimeout = deadline === undefined || this.timeoutMs === undefined ? undefined : Math.max(1, Math.min(this.timeoutMs, deadline - this.deadlineMarginMs - Date.now()));
      const outcome = await this.attempt(mode, work, deadline, serverTimeout, name);
      if (outcome.ok) {
        this.shared.downSince = undefined;
        return outcome.value;
      }
      if (outcome.expired) throw this.deadlineError(mode, outcome.committing);
      const { error } = outcome;
      if (mode === 'WRITE' && outcome.committing && !answeredByServer(error)) throw new WriteOutcomeUnknown();
      const delay = retries[attempt];
      const retryable = delay !== undefined && neo4j.isRetryableError(error);
      const waitMs = delay === undefined ? 0 : Math.round(delay * (0.9 + Math.random() * 0.2));
      const inTime = Date.now() + waitMs - started <= RETRY_BUDGET_MS && (deadline === undefined || Date.now() + waitMs < deadline);
      if (!retryable || !inTime) {
        if (isUnavailable(error)) this.shared.downSince ??= Date.now();
        throw translateDriverError(error);
      }
      if (waitMs > 0) await new Promise((resolve) => setTimeout(resolve, waitMs));
    }
  }

  /** What a unit of work cut off by its deadline answers. */
  private deadlineError(mode: Mode, committing: boolean): Error {
    if (mode === 'WRITE' && committing) return new WriteOutcomeUnknown();
    if (this.knownDown) return new Neo4jUnavailable();
    const waited = this.deadlineMs === undefined ? '' : ` within ${this.deadlineMs} ms`;
    return new Neo4jTimeout(
      mode === 'WRITE'
        ? `The graph database did not answer${waited}; the write was stopped before its commit, so nothing was written and retrying is safe.`
        : `The graph database did not answer${waited}; the query was abandoned.`,
    );
  }

  /**
   * One transaction in its own session, raced against the deadline. Resolves (never rejects) with
   * the outcome; at the deadline it resolves at once, destroys the connection, and lets the
   * driver's work fail and close the session in the background.
   */
  private attempt<T>(mode: Mode, work: Work<T>, deadline: number | undefined, serverTimeout: number | undefined, name?: string): Promise<Outcome<T>> {
    // One bookmark manager for the process: a read after a write (the same request or the next)
    // sees that write, also through a routing driver whose reads go to another cluster member.
    const session = this.driver.session({
      database: this.database,
      defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
      bookmarkManager: this.driver.executeQueryBookmarkManager,
    });
    const state = { committing: false, expired: false };
    let begun: Promise<Transaction>;
    try {
      begun = session.beginTransaction({
        ...(serverTimeout === undefined ? {} : { timeout: serverTimeout }),
        ...(name === undefined ? {} : { metadata: { app: 'actor-graph', unit: name } }),
      });
    } catch (error: unknown) {
      return session.close().then(
        () => ({ ok: false, error, expired: false, committing: false }),
        () => ({ ok: false, error, expired: false, committing: false }),
      );
    }
    // Taken now: once the session releases its connection, this would no longer find it.
    const connection = acquiredConnection(session, mode);
    const done = runTransaction(session, begun, work, state);
    if (deadline === undefined) return done;

    return new Promise((resolve) => {
      const timer = setTimeout(
        () => {
          state.expired = true;
          this.discard(connection);
          this.shared.abandoned += 1;
          void done.then(() => {
            this.shared.abandoned -= 1;
          });
          resolve({ ok: false, error: undefined, expired: true, committing: state.committing });
        },
        Math.max(0, deadline - Date.now()),
      );
      void done.then((outcome) => {
        if (state.expired) return;
        clearTimeout(timer);
        resolve(outcome);
      });
    });
  }

  /**
   * Destroys the socket of the connection a unit of work holds (or gets later): its pending
   * messages fail with ServiceUnavailable, the driver marks it broken, and the pool drops it
   * instead of handing a connection with a reply still owed to the next request.
   */
  private discard(connection: Promise<unknown> | undefined): void {
    if (connection === undefined) return this.warnInternals();
    connection.then(
      (acquired) => {
        if (acquired === null || acquired === undefined) return;
        const socket = socketOf(acquired);
        if (socket === undefined) return this.warnInternals();
        socket.destroy(new Error('actor-graph: the request deadline passed; connection discarded'));
      },
      () => undefined, // no connection was acquired: nothing to discard
    );
  }

  private warnInternals(): void {
    if (this.shared.warnedInternals) return;
    this.shared.warnedInternals = true;
    process.emitWarning('actor-graph: cannot reach the Bolt connection of a session (neo4j-driver internals changed?): connections cut off by the deadline stay in use until Neo4j answers');
  }
}

/** Begins, runs the work, commits (unless the deadline passed first), closes the session. */
async function runTransaction<T>(session: Session, begun: Promise<Transaction>, work: Work<T>, state: { committing: boolean; expired: boolean }): Promise<Outcome<T>> {
  let tx: Transaction | undefined;
  try {
    tx = await begun;
    if (state.expired) return { ok: false, error: undefined, expired: true, committing: false };
    const open = tx;
    const run: ManagedTransaction['run'] = (query, parameters) => open.run(query, parameters);
    const value = await work({ run });
    if (state.expired) return { ok: false, error: undefined, expired: true, committing: false };
    state.committing = true;
    await tx.commit();
    return { ok: true, value };
  } catch (error: unknown) {
    // As the driver's executeRead/Write does: roll back a transaction the work left open.
    if (tx?.isOpen() === true && !state.expired) await tx.rollback().catch(() => undefined);
    return { ok: false, error, expired: state.expired, committing: state.committing };
  } finally {
    await session.close().catch(() => undefined);
  }
}

/**
 * The promise of the connection a session acquires for `mode`. neo4j-driver 6 has no public way
 * to abort a unit of work or to reach its connection, so this reads the session's connection
 * holder (checked by the resilience tests against the pinned driver version).
 */
function acquiredConnection(session: Session, mode: Mode): Promise<unknown> | undefined {
  const internals = session as unknown as Record<string, { getConnection?: () => Promise<unknown> } | undefined>;
  const holder = internals[mode === 'READ' ? '_readConnectionHolder' : '_writeConnectionHolder'];
  return typeof holder?.getConnection === 'function' ? holder.getConnection() : undefined;
}

/** The socket under a pooled connection: a DelegateConnection wraps a ChannelConnection, whose channel holds it. */
function socketOf(connection: unknown): net.Socket | undefined {
  const outer = connection as { _delegate?: unknown };
  const channelConnection = (outer._delegate ?? connection) as { _ch?: { _conn?: unknown } };
  const socket = channelConnection._ch?._conn;
  return socket instanceof net.Socket ? socket : undefined;
}

/** Neo4j integers (and floats that carry whole numbers) as plain JavaScript numbers. */
export function toNumber(value: unknown): number {
  if (neo4j.isInt(value)) return value.toNumber();
  if (typeof value === 'number') return value;
  throw new TypeError(`expected a number from Neo4j, got ${typeof value}`);
}

/** A JavaScript number as a Neo4j integer parameter (plain numbers travel as floats; LIMIT needs integers). */
export function int(value: number): ReturnType<typeof neo4j.int> {
  return neo4j.int(value);
}
