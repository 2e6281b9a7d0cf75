/**
 * Progress of a long load: rows written, rate and time left. On a terminal one line rewritten in
 * place (at most five times a second); anywhere else (a log collector, a CI log) a JSON line
 * through the logger every few seconds, so the output stays parseable. Fed by the loader's
 * observer (each batch statement reports the rows it wrote).
 */
import type { Logger } from '../log';
import type { SeedObserver } from '../queries/seed';

export interface ProgressStream {
  isTTY?: boolean;
  write: (text: string) => unknown;
}

export interface ProgressOptions {
  logger: Logger;
  /** The terminal, if any (process.stderr): a TTY gets the updating line, anything else JSON lines. */
  stream?: ProgressStream;
  /** Milliseconds between JSON lines (the terminal line is redrawn at most every 200 ms). */
  logEveryMs?: number;
  now?: () => number;
}

export interface ProgressSnapshot {
  rows: number;
  total: number;
  rowsPerSecond: number;
  /** Seconds left at the current rate; null before anything was written. */
  secondsLeft: number | null;
  elapsedSeconds: number;
}

export interface ProgressReporter {
  observer: SeedObserver;
  snapshot: () => ProgressSnapshot;
  /** Ends the terminal line (or logs the last JSON line). */
  finish: () => void;
}

const format = (n: number): string => Math.round(n).toLocaleString('en-US');

export function describeProgress(p: ProgressSnapshot): string {
  const percent = p.total > 0 ? Math.floor((100 * p.rows) / p.total) : 100;
  const left = p.secondsLeft === null ? '' : `, ${Math.ceil(p.secondsLeft)} s left`;
  return `seed: ${format(p.rows)} / ${format(p.total)} rows (${percent}%), ${format(p.rowsPerSecond)} rows/s${left}`;
}

export function progressReporter({ logger, stream, logEveryMs = 5000, now = () => performance.now() }: ProgressOptions): ProgressReporter {
  const tty = stream?.isTTY === true;
  const started = now();
  let total = 0;
  let rows = 0;
  let lastShown = -Infinity;
  let drawn = false;

  const snapshot = (): ProgressSnapshot => {
    const elapsedSeconds = (now() - started) / 1000;
    const rowsPerSecond = elapsedSeconds > 0 ? rows / elapsedSeconds : 0;
    return { rows, total, rowsPerSecond, secondsLeft: rowsPerSecond > 0 ? Math.max(0, total - rows) / rowsPerSecond : null, elapsedSeconds };
  };
  const show = (force: boolean): void => {
    const at = now();
    if (!force && at - lastShown < (tty ? 200 : logEveryMs)) return;
    lastShown = at;
    const p = snapshot();
    if (tty) {
      // \r and clear-to-end-of-line: the line is redrawn in place.
      stream?.write(`\r${describeProgress(p)}\u001b[K`);
      drawn = true;
    } else {
      logger.info(
        { rows: p.rows, total: p.total, rowsPerSecond: Math.round(p.rowsPerSecond), secondsLeft: p.secondsLeft === null ? null : Math.ceil(p.secondsLeft), elapsedSeconds: Math.round(p.elapsedSeconds * 10) / 10 },
        'seed progress',
      );
    }
  };

  return {
    observer: {
      planned: (n) => {
        total = n;
        show(true);
      },
      statement: (event) => {
        if (event.rows === 0) return;
        rows += event.rows;
        show(false);
      },
    },
    snapshot,
    finish: () => {
      show(true);
      if (tty && drawn) stream?.write('\n');
    },
  };
}
