/**
 * One subscriber's changes: a cursor (`position`, the last sequence number handed out) over the
 * change log. The next change is always `position + 1`: from the feed's memory when it is there,
 * from the log when the subscriber is further behind (a resume with `after`, or a slow reader the
 * feed has moved past), otherwise awaited. Replay and live delivery are one loop over one
 * counter, so there is no seam to lose or repeat a change at, and a subscriber that falls behind
 * costs a log read, never a growing queue.
 *
 * A plain async iterator rather than an async generator: `return()` must end a subscription that
 * is waiting for the next change (a generator would only see it after that change came).
 */
import type { ChangeModel } from '../model';
import type { ChangeEvent, ChangeFeed } from './feed';
import { sleep } from './timing';

/** Changes read from the log in one go while catching up. */
const PAGE_SIZE = 100;

const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };

export class ChangeStream implements AsyncIterableIterator<ChangeEvent> {
  private pending: ChangeEvent[] = [];
  private readonly closing = new AbortController();

  constructor(
    private readonly feed: ChangeFeed,
    private position: number,
  ) {}

  /** The last sequence number handed out (the start position before the first). */
  get lastSeq(): number {
    return this.position;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  async next(): Promise<IteratorResult<ChangeEvent, undefined>> {
    const signal = this.closing.signal;
    let failures = 0;
    while (!signal.aborted && !this.feed.stopped) {
      const wanted = this.position + 1;
      const event = this.pending.shift() ?? this.feed.get(wanted);
      if (event !== undefined) {
        this.position = event.change.seq;
        return { done: false, value: event };
      }
      const last = this.feed.lastSeq;
      if (last !== undefined && wanted <= last) {
        try {
          this.pending = this.continuation(await this.feed.readLog(this.position, Math.min(PAGE_SIZE, this.feed.oldestRetainedSeq - wanted)));
          failures = 0;
        } catch {
          // Neo4j is away: the subscriber stays and reads again from the same position.
          failures += 1;
          await sleep(this.feed.backoff(failures), signal);
        }
        if (this.pending.length === 0 && failures === 0) {
          // The feed has read this change, so the log holds it; only a deleted Change can get here.
          failures += 1;
          await sleep(this.feed.backoff(failures), signal);
        }
        continue;
      }
      await this.feed.waitBeyond(this.position, signal);
    }
    return DONE;
  }

  return(): Promise<IteratorResult<ChangeEvent, undefined>> {
    this.closing.abort();
    this.pending = [];
    return Promise.resolve(DONE);
  }

  throw(): Promise<IteratorResult<ChangeEvent, undefined>> {
    return this.return();
  }

  /** The changes of a log page that continue from `position` without a gap. */
  private continuation(changes: readonly ChangeModel[]): ChangeEvent[] {
    const batch = {};
    const events: ChangeEvent[] = [];
    for (const change of changes) {
      if (change.seq !== this.position + events.length + 1) break;
      events.push({ change, batch });
    }
    return events;
  }
}
