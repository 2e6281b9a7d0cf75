/**
 * The change feed: one reader of the change log per process, fanning out to that process's
 * subscribers. Neo4j Community has no change-data capture; the log (see queries/changes.ts) is
 * ours. The feed polls `seq > last` by index every `pollIntervalMs`, so a write made through any
 * API process reaches the subscribers of every process, with no broker in between.
 *
 * Sequence numbers are gap-free and in commit order, so the feed's position `lastSeq` means
 * "every change up to here has been read" and subscribers are plain cursors over it: the most
 * recent changes are kept in memory (shared by all subscribers), older ones are read from the log
 * again (see stream.ts). Nothing is queued per subscriber.
 *
 * When Neo4j fails or freezes, polls fail or are abandoned at a deadline and are retried with
 * backoff from the same position: a change is never skipped, and the feed resumes by itself.
 * `lastSeq` and `onChange` are also the process's view of the graph's version.
 */
import { lastChangeSeq, changesAfter } from '../queries/changes';
import type { CypherExecutor } from '../neo4j/driver';
import type { Logger } from '../log';
import type { ChangeModel } from '../model';
import { InvalidInput } from '../model/errors';
import { ChangeStream } from './stream';
import { sleep, withDeadline } from './timing';

/** The feed has stopped, as the process shuts down: no stream starts any more. */
export class LiveUpdatesStopped extends Error {
  override name = 'LiveUpdatesStopped';
  constructor() {
    super('live updates are shutting down');
  }
}

/**
 * One change as the feed hands it out. `batch` is shared by the changes of one read (one poll, or
 * one page a subscriber read from the log): per-batch caches key on it, so that a thousand
 * subscribers resolving the same change look its node up once.
 */
export interface ChangeEvent {
  readonly change: ChangeModel;
  readonly batch: object;
}

/** Where a subscription's changes come from (what the `Subscription.changes` resolver needs). */
export interface ChangeSource {
  /**
   * Changes after sequence number `after` (from the log, then live), or from the end of the log
   * without it. BAD_USER_INPUT when `after` is not a position in the log.
   */
  stream(after: number | undefined): Promise<AsyncIterableIterator<ChangeEvent>>;
}

/** How the feed reads the change log (queries/changes.ts over Neo4j; an in-memory log in unit tests). */
export interface ChangeLogReader {
  /** Up to `limit` changes after `after`, oldest first. */
  changesAfter(after: number, limit: number): Promise<ChangeModel[]>;
  /** The last sequence number written (0 before the first change). */
  lastSeq(): Promise<number>;
}

/** The change log in Neo4j. */
export function changeLogIn(db: CypherExecutor): ChangeLogReader {
  return { changesAfter: (after, limit) => changesAfter(db, after, limit), lastSeq: () => lastChangeSeq(db) };
}

export interface ChangeFeedOptions {
  log: ChangeLogReader;
  logger: Logger;
  /** Pause between polls that found nothing new. */
  pollIntervalMs: number;
  /** A read that has not answered by then is abandoned and retried (a frozen Neo4j answers nothing). */
  readTimeoutMs?: number;
  /** Most changes read per poll; a full batch is followed by another poll at once. */
  batchSize?: number;
  /** How many recent changes stay in memory for subscribers; older ones are read from the log again. */
  retained?: number;
  /** Longest pause between retries while Neo4j fails. */
  maxBackoffMs?: number;
}

export const DEFAULT_READ_TIMEOUT_MS = 5_000;
const DEFAULT_BATCH_SIZE = 500;
const DEFAULT_RETAINED = 10_000;
const DEFAULT_MAX_BACKOFF_MS = 5_000;
/** How often a persisting gap in the log is reported (it cannot happen while writers hold the log's lock). */
const GAP_REPORT_INTERVAL_MS = 10_000;

export type ChangeListener = (changes: readonly ChangeModel[], lastSeq: number) => void;

export class ChangeFeed implements ChangeSource {
  private last: number | undefined;
  /** The first sequence number read by this feed (older ones were never in memory). */
  private firstHeld = Number.POSITIVE_INFINITY;
  private readonly ring: (ChangeEvent | undefined)[];
  private readonly waiters = new Set<() => void>();
  private readonly listeners = new Set<ChangeListener>();
  private readonly stopping = new AbortController();
  private loop: Promise<void> | undefined;
  private failingSince: number | undefined;
  private gapReportedAt = 0;
  private readonly readTimeoutMs: number;
  private readonly batchSize: number;
  private readonly maxBackoffMs: number;
  private readonly startedReading: { promise: Promise<void>; resolve: () => void };

  constructor(private readonly options: ChangeFeedOptions) {
    this.readTimeoutMs = options.readTimeoutMs ?? DEFAULT_READ_TIMEOUT_MS;
    this.batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
    this.maxBackoffMs = options.maxBackoffMs ?? DEFAULT_MAX_BACKOFF_MS;
    this.ring = new Array<ChangeEvent | undefined>(options.retained ?? DEFAULT_RETAINED);
    let resolve = (): void => undefined;
    const promise = new Promise<void>((r) => (resolve = r));
    this.startedReading = { promise, resolve };
  }

  /** The last sequence number read from the log: every change up to it has been handed out. Undefined until the first read. */
  get lastSeq(): number | undefined {
    return this.last;
  }

  /** The oldest change still in memory (changes before it are read from the log). */
  get oldestRetainedSeq(): number {
    return this.last === undefined ? Number.POSITIVE_INFINITY : Math.max(this.firstHeld, this.last - this.ring.length + 1);
  }

  get stopped(): boolean {
    return this.stopping.signal.aborted;
  }

  /** Resolves once the feed knows where the log ends (or when it stops). */
  get ready(): Promise<void> {
    return this.startedReading.promise;
  }

  /** The change with this sequence number if it is still in memory. */
  get(seq: number): ChangeEvent | undefined {
    if (this.last === undefined || seq > this.last || seq < this.oldestRetainedSeq) return undefined;
    return this.ring[seq % this.ring.length];
  }

  /** Called with every batch of new changes, in order, after subscribers can see them. Returns an unsubscribe function. */
  onChange(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves when changes beyond `seq` have been read, when `signal` aborts or when the feed stops. */
  waitBeyond(seq: number, signal: AbortSignal): Promise<void> {
    if ((this.last !== undefined && this.last > seq) || signal.aborted || this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = (): void => {
        this.waiters.delete(wake);
        signal.removeEventListener('abort', wake);
        resolve();
      };
      this.waiters.add(wake);
      signal.addEventListener('abort', wake, { once: true });
    });
  }

  /** Changes after `after` from the log, with the read deadline. */
  readLog(after: number, limit: number): Promise<ChangeModel[]> {
    return withDeadline(this.options.log.changesAfter(after, limit), this.readTimeoutMs, 'reading the change log');
  }

  /** The next pause after a failure: doubling from the poll interval, capped. */
  backoff(failures: number): number {
    return Math.min(this.maxBackoffMs, Math.max(this.options.pollIntervalMs, 50) * 2 ** Math.min(failures, 10));
  }

  async stream(after: number | undefined): Promise<ChangeStream> {
    if (after !== undefined && (!Number.isSafeInteger(after) || after < 0)) {
      throw new InvalidInput('after: not a cursor this API issued; pass the cursor of a change you received', 'after');
    }
    await this.whenReady();
    const known = this.last ?? 0;
    let start = after ?? known;
    if (after === undefined) {
      // The log's end as Neo4j has it now, not as of the last poll: a change committed just
      // before the subscription is not news to it. When Neo4j is away, the feed's position is
      // the best anyone knows.
      try {
        start = Math.max(known, await this.readEnd());
      } catch {
        start = known;
      }
    } else if (after > known) {
      const end = await this.readEnd();
      if (after > end) {
        throw new InvalidInput(`after: no such change; the change log ends at ${end}, and this cursor points past it (a cursor of another database?)`, 'after');
      }
    }
    return new ChangeStream(this, start);
  }

  /** Starts reading: first where the log ends now, then every new change. */
  start(): void {
    this.loop ??= this.run().catch((e: unknown) => {
      this.options.logger.error({ err: e }, 'change feed: stopped by an unexpected error; live updates no longer arrive');
    });
  }

  /** Stops polling; open streams end. */
  async stop(): Promise<void> {
    this.stopping.abort();
    this.startedReading.resolve();
    this.wakeAll();
    await this.loop;
  }

  private readEnd(): Promise<number> {
    return withDeadline(this.options.log.lastSeq(), this.readTimeoutMs, 'reading the end of the change log');
  }

  private async whenReady(): Promise<void> {
    if (this.last !== undefined) return;
    await this.ready;
    if (this.last === undefined) throw new LiveUpdatesStopped();
  }

  private async run(): Promise<void> {
    const signal = this.stopping.signal;
    let failures = 0;
    while (!signal.aborted) {
      let pause = this.options.pollIntervalMs;
      try {
        if (this.last === undefined) {
          const end = await this.readEnd();
          if (signal.aborted) break;
          this.last = end;
          this.firstHeld = end + 1;
          this.startedReading.resolve();
          this.options.logger.debug({ lastSeq: end }, 'change feed: reading from the end of the log');
        } else {
          const changes = await this.readLog(this.last, this.batchSize);
          if (signal.aborted) break;
          const accepted = this.accept(changes);
          if (changes.length === this.batchSize && accepted === changes.length) pause = 0;
        }
        if (this.failingSince !== undefined) {
          this.options.logger.info({ downMs: Date.now() - this.failingSince, lastSeq: this.last }, 'change feed: the change log answers again; resuming where it stopped');
          this.failingSince = undefined;
        }
        failures = 0;
      } catch (e: unknown) {
        if (signal.aborted) break;
        failures += 1;
        pause = this.backoff(failures);
        if (this.failingSince === undefined) {
          this.failingSince = Date.now();
          this.options.logger.warn({ err: e, lastSeq: this.last }, 'change feed: cannot read the change log; retrying with backoff (subscribers stay connected and miss nothing)');
        }
      }
      if (pause > 0) await sleep(pause, signal);
    }
  }

  /** Appends the changes that continue the log without a gap; returns how many. */
  private accept(changes: readonly ChangeModel[]): number {
    const last = this.last ?? 0;
    let count = 0;
    while (count < changes.length && changes[count]?.seq === last + count + 1) count += 1;
    if (count < changes.length && count === 0) this.reportGap(last + 1, changes[0]?.seq);
    if (count === 0) return 0;
    const accepted = changes.slice(0, count);
    const batch = {};
    for (const change of accepted) this.ring[change.seq % this.ring.length] = { change, batch };
    this.last = last + count;
    this.wakeAll();
    for (const listener of this.listeners) {
      try {
        listener(accepted, this.last);
      } catch (e: unknown) {
        this.options.logger.error({ err: e }, 'change feed: a change listener failed');
      }
    }
    return count;
  }

  private reportGap(missing: number, found: number | undefined): void {
    const now = Date.now();
    if (now - this.gapReportedAt < GAP_REPORT_INTERVAL_MS) return;
    this.gapReportedAt = now;
    this.options.logger.error({ missing, found }, 'change feed: the change log has a gap (a Change node was deleted?); waiting for the missing change rather than skipping it');
  }

  private wakeAll(): void {
    for (const wake of [...this.waiters]) wake();
  }
}
