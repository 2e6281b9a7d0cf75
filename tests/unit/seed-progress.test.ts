/**
 * The load's progress: one line redrawn in place on a terminal, JSON lines through the logger
 * anywhere else, with rows written, the rate and the time left (computed here from a fake clock).
 */
import { createLogger } from '../../src/log';
import { progressReporter } from '../../src/seed/progress';

function clock(): { now: () => number; advance: (ms: number) => void } {
  let t = 1000;
  return { now: () => t, advance: (ms) => (t += ms) };
}

function capture(): { lines: string[]; write: (s: string) => void } {
  const lines: string[] = [];
  return { lines, write: (s) => void lines.push(s) };
}

describe('seed progress', () => {
  it('redraws one terminal line with rows, rate and time left, and ends it with a newline', () => {
    const time = clock();
    const out = capture();
    const logged = capture();
    const progress = progressReporter({ logger: createLogger('info', { write: logged.write }), stream: { isTTY: true, write: out.write }, now: time.now });
    progress.observer.planned?.(100_000);
    time.advance(2000);
    progress.observer.statement?.({ name: 'seed.create-entities', rows: 10_000, ms: 2000 });
    time.advance(100); // within 200 ms of the last line: not redrawn
    progress.observer.statement?.({ name: 'seed.create-relationships.LEADS', rows: 10_000, ms: 100 });
    time.advance(1900);
    progress.observer.statement?.({ name: 'seed.create-relationships.LEADS', rows: 20_000, ms: 1900 });
    progress.finish();

    // 10,000 rows in 2 s: 5,000 rows/s, 18 s for the 90,000 left; then 40,000 in 4 s: 10,000 rows/s, 6 s left.
    expect(out.lines).toEqual([
      '\rseed: 0 / 100,000 rows (0%), 0 rows/s\u001b[K',
      '\rseed: 10,000 / 100,000 rows (10%), 5,000 rows/s, 18 s left\u001b[K',
      '\rseed: 40,000 / 100,000 rows (40%), 10,000 rows/s, 6 s left\u001b[K',
      '\rseed: 40,000 / 100,000 rows (40%), 10,000 rows/s, 6 s left\u001b[K',
      '\n',
    ]);
    expect(logged.lines).toEqual([]);
  });

  it('logs JSON lines, at most one per interval, when the output is not a terminal', () => {
    const time = clock();
    const logged = capture();
    const progress = progressReporter({ logger: createLogger('info', { write: logged.write }), stream: { isTTY: false, write: () => undefined }, logEveryMs: 5000, now: time.now });
    progress.observer.planned?.(50_000);
    for (let i = 0; i < 5; i += 1) {
      time.advance(2000);
      progress.observer.statement?.({ name: 'seed.create-relationships.LEADS', rows: 10_000, ms: 2000 });
    }
    progress.finish();
    const lines = logged.lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    // planned (t=0), t=6 s (the first statement past 5 s since the last line), and the final one.
    expect(lines.map((l) => [l.msg, l.rows, l.total])).toEqual([
      ['seed progress', 0, 50_000],
      ['seed progress', 30_000, 50_000],
      ['seed progress', 50_000, 50_000],
    ]);
    expect(lines[1]).toMatchObject({ rowsPerSecond: 5000, secondsLeft: 4, elapsedSeconds: 6 });
    expect(lines[2]).toMatchObject({ rowsPerSecond: 5000, secondsLeft: 0, elapsedSeconds: 10 });
  });
});
