/**
 * The one Neo4j driver of the process and the executor every query goes through. Each unit of
 * work opens a session on the named database, runs in `executeRead`/`executeWrite` (so the same
 * code routes correctly on a cluster) and closes the session in `finally`. Driver failures are
 * translated to the error model here, in one place.
 */
import neo4j, { type Driver, type ManagedTransaction, type Record as Neo4jRecord } from 'neo4j-driver';
import { ServiceUnavailableError, TimeoutError } from '../errors';
import type { Logger } from '../log';

export type { Driver, ManagedTransaction, Neo4jRecord };
export type Params = Record<string, unknown>;

export interface DriverOptions {
  uri: string;
  user: string;
  password: string | undefined;
  logger: Logger;
}

export function createDriver({ uri, user, password, logger }: DriverOptions): Driver {
  // No password: the embedded Neo4j (auth disabled) or an external one with NEO4J_AUTH=none.
  const auth = password === undefined ? { scheme: 'none', principal: '', credentials: '' } : neo4j.auth.basic(user, password);
  return neo4j.driver(uri, auth, {
    // The driver's defaults wait 30-60 s before admitting Neo4j is gone; fail promptly instead.
    connectionTimeout: 3_000,
    connectionAcquisitionTimeout: 5_000,
    maxTransactionRetryTime: 3_000,
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

/** Maps driver errors to the error model; anything unrecognised is returned unchanged (and masked later). */
export function translateDriverError(e: unknown): unknown {
  if (e instanceof neo4j.Neo4jError) {
    if (UNAVAILABLE_CODES.has(e.code)) return new ServiceUnavailableError();
    if (TIMEOUT_CODES.has(e.code)) return new TimeoutError();
  }
  return e;
}

/**
 * Runs named Cypher against one database. `queryCount` counts units of work (Bolt round trips of
 * a query) so callers can observe and bound them; a request gets its own executor via `forRequest`.
 */
export class Executor {
  queryCount = 0;

  constructor(
    private readonly driver: Driver,
    readonly database: string,
    private readonly timeoutMs?: number,
  ) {}

  /** A fresh executor on the same driver with its own query counter. */
  forRequest(): Executor {
    return new Executor(this.driver, this.database, this.timeoutMs);
  }

  /** The same database with another transaction timeout (undefined: the server's, none by default). */
  withTimeout(timeoutMs: number | undefined): Executor {
    return new Executor(this.driver, this.database, timeoutMs);
  }

  read<T>(cypher: string, params: Params, map: (records: Neo4jRecord[]) => T): Promise<T> {
    return this.readTransaction(async (tx) => map((await tx.run(cypher, params)).records));
  }

  write<T>(cypher: string, params: Params, map: (records: Neo4jRecord[]) => T): Promise<T> {
    return this.writeTransaction(async (tx) => map((await tx.run(cypher, params)).records));
  }

  readTransaction<T>(work: (tx: ManagedTransaction) => Promise<T>, name?: string): Promise<T> {
    return this.unitOfWork('READ', work, name);
  }

  /** `name` (the mutation or job, e.g. `assertRelationship`) reaches Neo4j's query log as transaction metadata. */
  writeTransaction<T>(work: (tx: ManagedTransaction) => Promise<T>, name?: string): Promise<T> {
    return this.unitOfWork('WRITE', work, name);
  }

  private async unitOfWork<T>(mode: 'READ' | 'WRITE', work: (tx: ManagedTransaction) => Promise<T>, name: string | undefined): Promise<T> {
    this.queryCount += 1;
    // One bookmark manager for the process: a read after a write (the same request or the next)
    // sees that write, also through a routing driver whose reads go to another cluster member.
    const session = this.driver.session({
      database: this.database,
      defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
      bookmarkManager: this.driver.executeQueryBookmarkManager,
    });
    const config = {
      ...(this.timeoutMs === undefined ? {} : { timeout: this.timeoutMs }),
      ...(name === undefined ? {} : { metadata: { app: 'actor-graph', unit: name } }),
    };
    try {
      return mode === 'READ' ? await session.executeRead(work, config) : await session.executeWrite(work, config);
    } catch (e: unknown) {
      throw translateDriverError(e);
    } finally {
      await session.close();
    }
  }
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
