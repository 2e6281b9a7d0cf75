/**
 * The change feed and subscribers' streams over an in-memory change log (the integration tests
 * run them against Neo4j): exact seams between replay and live changes, subscribers the feed
 * has moved past, reads that fail or never answer, a gap in the log, and streams that end.
 */
import { ChangeFeed, type ChangeEvent, type ChangeLogReader } from '../../src/live/feed';
import { createLogger } from '../../src/log';
import type { ChangeModel } from '../../src/model';

/** An append-only log; `fail` makes reads throw, `hang` makes them never answer. */
class MemoryLog implements ChangeLogReader {
  readonly changes: ChangeModel[] = [];
  fail = false;
  hang = false;
  reads = 0;

  append(count = 1): void {
    for (let i = 0; i < count; i += 1) {
      const seq = this.changes.length + 1;
      this.changes.push({ seq, at: new Date(1_700_000_000_000 + seq).toISOString(), by: 'test', kind: 'ENTITY_ADDED', nodeId: `entity:e${seq}` });
    }
  }

  changesAfter(after: number, limit: number): Promise<ChangeModel[]> {
    return this.answer(() => this.changes.filter((c) => c.seq > after).slice(0, limit));
  }

  lastSeq(): Promise<number> {
    return this.answer(() => this.changes.at(-1)?.seq ?? 0);
  }

  private answer<T>(value: () => T): Promise<T> {
    this.reads += 1;
    if (this.hang) return new Promise<T>(() => undefined);
    if (this.fail) return Promise.reject(new Error('Neo4j is away'));
    return Promise.resolve(value());
  }
}

const feeds: ChangeFeed[] = [];
afterEach(async () => {
  await Promise.all(feeds.splice(0).map((f) => f.stop()));
});

function feedOver(log: MemoryLog, options: { retained?: number; batchSize?: number; readTimeoutMs?: number } = {}): ChangeFeed {
  const feed = new ChangeFeed({ log, logger: createLogger('silent'), pollIntervalMs: 5, maxBackoffMs: 20, ...options });
  feeds.push(feed);
  feed.start();
  return feed;
}

const seqs = (events: ChangeEvent[]): number[] => events.map((e) => e.change.seq);
const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

async function take(stream: AsyncIterator<ChangeEvent>, count: number): Promise<ChangeEvent[]> {
  const taken: ChangeEvent[] = [];
  while (taken.length < count) {
    const step = await stream.next();
    if (step.done === true) break;
    taken.push(step.value);
  }
  return taken;
}

async function until(check: () => boolean): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met within 5 s');
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

describe('ChangeFeed', () => {
  it('starts at the end of the log and hands new changes to listeners in order', async () => {
    const log = new MemoryLog();
    log.append(7);
    const feed = feedOver(log);
    await feed.ready;
    expect(feed.lastSeq).toBe(7);
    const batches: number[][] = [];
    feed.onChange((changes) => batches.push(changes.map((c) => c.seq)));
    log.append(3);
    await until(() => feed.lastSeq === 10);
    log.append(2);
    await until(() => feed.lastSeq === 12);
    expect(batches.flat()).toEqual(range(8, 12));
  });

  it('reads a burst in batches without waiting between full ones', async () => {
    const log = new MemoryLog();
    const feed = feedOver(log, { batchSize: 10 });
    await feed.ready;
    log.append(95);
    await until(() => feed.lastSeq === 95);
    expect(feed.get(95)?.change.seq).toBe(95);
  });

  it('does not skip a missing change: it waits at the gap', async () => {
    const log = new MemoryLog();
    const feed = feedOver(log);
    await feed.ready;
    log.append(3);
    await until(() => feed.lastSeq === 3);
    // Change 4 is not there (yet), 5 and 6 are.
    log.append(3);
    const four = log.changes.splice(3, 1)[0] as ChangeModel;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(feed.lastSeq).toBe(3);
    log.changes.splice(3, 0, four);
    await until(() => feed.lastSeq === 6);
  });

  it('keeps its position through failing and hanging reads, and resumes when the log answers', async () => {
    const log = new MemoryLog();
    const feed = feedOver(log, { readTimeoutMs: 30 });
    await feed.ready;
    const seen: number[] = [];
    feed.onChange((changes) => seen.push(...changes.map((c) => c.seq)));
    log.append(2);
    await until(() => feed.lastSeq === 2);
    log.fail = true;
    log.append(2);
    const reads = log.reads;
    await until(() => log.reads > reads + 3);
    log.fail = false;
    log.hang = true;
    const hung = log.reads;
    // Reads that never answer are abandoned at the deadline and tried again.
    await until(() => log.reads > hung + 2);
    log.hang = false;
    log.append(1);
    await until(() => feed.lastSeq === 5);
    expect(seen).toEqual(range(1, 5));
  });
});

describe('a subscriber stream', () => {
  it('replays from the log, then continues live, with no gap or repeat at the seam', async () => {
    const log = new MemoryLog();
    log.append(250);
    const feed = feedOver(log);
    const stream = await feed.stream(20);
    // Writes go on while the stream replays; they reach it live.
    const writing = (async () => {
      for (let i = 0; i < 30; i += 1) {
        log.append();
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
    })();
    const events = await take(stream, 260);
    await writing;
    expect(seqs(events)).toEqual(range(21, 280));
  });

  it('starts after the end of the log without `after`', async () => {
    const log = new MemoryLog();
    log.append(5);
    const feed = feedOver(log);
    const stream = await feed.stream(undefined);
    log.append(2);
    expect(seqs(await take(stream, 2))).toEqual([6, 7]);
  });

  it('reads from the log once the feed has moved past what it keeps in memory (a slow subscriber)', async () => {
    const log = new MemoryLog();
    const feed = feedOver(log, { retained: 8 });
    const stream = await feed.stream(undefined);
    log.append(3);
    expect(seqs(await take(stream, 2))).toEqual([1, 2]);
    // The subscriber pauses; fifty changes pass through the feed's memory of eight.
    log.append(50);
    await until(() => feed.lastSeq === 53);
    const before = log.reads;
    expect(seqs(await take(stream, 51))).toEqual(range(3, 53));
    expect(log.reads).toBeGreaterThan(before);
  });

  it('stays and resumes through a failing log while catching up', async () => {
    const log = new MemoryLog();
    log.append(40);
    const feed = feedOver(log, { retained: 4 });
    const stream = await feed.stream(0);
    expect(seqs(await take(stream, 10))).toEqual(range(1, 10));
    log.fail = true;
    const next = take(stream, 30);
    await new Promise((resolve) => setTimeout(resolve, 50));
    log.fail = false;
    expect(seqs(await next)).toEqual(range(11, 40));
  });

  it('ends a subscriber waiting for its next change as soon as it returns', async () => {
    const log = new MemoryLog();
    const feed = feedOver(log);
    const stream = await feed.stream(undefined);
    const waiting = stream.next();
    await stream.return();
    await expect(waiting).resolves.toEqual({ done: true, value: undefined });
  });

  it('ends when the feed stops', async () => {
    const log = new MemoryLog();
    const feed = feedOver(log);
    const stream = await feed.stream(undefined);
    const waiting = stream.next();
    await feed.stop();
    await expect(waiting).resolves.toEqual({ done: true, value: undefined });
  });

  it('refuses positions that are not in the log as invalid input to `after`', async () => {
    const log = new MemoryLog();
    log.append(5);
    const feed = feedOver(log);
    for (const after of [-1, 1.5, 6, Number.MAX_SAFE_INTEGER + 2]) {
      await expect(feed.stream(after)).rejects.toEqual(expect.objectContaining({ name: 'InvalidInput', argumentName: 'after' }));
    }
    // The end itself is a position: nothing yet, and then the next change.
    const atEnd = await feed.stream(5);
    log.append();
    expect(seqs(await take(atEnd, 1))).toEqual([6]);
  });
});
