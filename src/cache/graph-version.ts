/**
 * The graph's version as this process knows it: the highest change sequence number it has seen
 * (see queries/changes.ts). It only grows. Cached answers are keyed on it, so moving it retires
 * every answer computed before, at once and without a scan.
 *
 * It moves two ways: the change feed reports what it read from the log (writes of any process,
 * within the poll interval), and writers of this process report the number they committed before
 * their mutation answers (so a read after a write here never meets the old answer). Until the
 * feed has read where the log ends, the version is unknown and nothing is cached.
 */
export type VersionListener = (seq: number) => void;

export class GraphVersion {
  private seq = 0;
  private known = false;
  private readonly listeners = new Set<VersionListener>();

  /** The version, or undefined while the end of the log is not known yet. */
  get current(): number | undefined {
    return this.known ? this.seq : undefined;
  }

  /** The feed read the end of the log: from now on the version is known. */
  start(seq: number): void {
    this.known = true;
    this.advance(seq);
  }

  /** A change up to `seq` has been committed (or read); an older number changes nothing. */
  advance(seq: number): void {
    if (seq <= this.seq) return;
    this.seq = seq;
    for (const listener of this.listeners) listener(seq);
  }

  /** Called with each new version; returns an unsubscribe function. */
  onAdvance(listener: VersionListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
