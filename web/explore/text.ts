/** Text helpers for showing evidence and mentions inside their document. */

/** The paragraph (line) of `text` holding [start, end), with the span's offsets inside it. */
export function paragraphAround(text: string, start: number, end: number): { before: string; quote: string; after: string } {
  const from = text.lastIndexOf('\n', start - 1) + 1;
  const newline = text.indexOf('\n', end);
  const to = newline < 0 ? text.length : newline;
  return { before: text.slice(from, start), quote: text.slice(start, end), after: text.slice(end, to) };
}

export interface Segment {
  start: number;
  end: number;
  /** The entity a highlighted segment mentions. */
  entityId?: string;
}

/** The text cut into plain and highlighted segments; overlapping spans keep the first (longest-first matching never overlaps). */
export function segments(length: number, spans: { start: number; end: number; entityId: string }[]): Segment[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Segment[] = [];
  let at = 0;
  for (const span of sorted) {
    if (span.start < at || span.end > length) continue;
    if (span.start > at) out.push({ start: at, end: span.start });
    out.push({ start: span.start, end: span.end, entityId: span.entityId });
    at = span.end;
  }
  if (at < length) out.push({ start: at, end: length });
  return out;
}

/** Which occurrence (from 1) of `quote` in `text` starts at `start`. */
export function occurrenceAt(text: string, quote: string, start: number): number {
  let n = 0;
  for (let at = text.indexOf(quote); at >= 0 && at <= start; at = text.indexOf(quote, at + 1)) n += 1;
  return Math.max(n, 1);
}
