/**
 * Offsets into document text, computed the way clients slice it: JavaScript string offsets
 * (UTF-16 code units), so `text.slice(start, end)` gives back the quote or mention exactly.
 */

export interface Span {
  start: number;
  end: number;
}

/** Every start offset of `needle` in `text`, overlapping occurrences included. */
export function occurrences(text: string, needle: string): number[] {
  const found: number[] = [];
  if (needle === '') return found;
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + 1)) found.push(at);
  return found;
}

/** Straight quotes and single spaces, to tell a curator when a quote differs only in typography. */
export function looseForm(s: string): string {
  return s.replace(/[\u2018\u2019\u201B\u2032]/gu, "'").replace(/[\u201C\u201D\u201F\u2033]/gu, '"').replace(/[\u2013\u2014]/gu, '-').replace(/\s+/gu, ' ');
}

export interface Label<T> {
  /** The name or alias as written in the seed. */
  label: string;
  owner: T;
}

export interface Match<T> extends Span {
  text: string;
  owner: T;
}

const WORD_CHAR = /[\p{L}\p{N}_]/u;

/**
 * Acronyms (two or more capitals, no lower-case letters: "US", "NATO", "U.S.") match only as
 * written, so the pronoun "us" is never the United States; every other label ignores case.
 */
export function isCaseSensitive(label: string): boolean {
  return !/\p{Ll}/u.test(label) && (label.match(/\p{Lu}/gu)?.length ?? 0) >= 2;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Spans of `text` that name one of the labels: whole words only (no letter or digit on either
 * side), and where candidates overlap the longest wins ("South China Sea" is the sea, not a
 * mention of China); equal lengths go to the earlier start. Sorted by start.
 */
export function findMentions<T>(text: string, labels: readonly Label<T>[]): Match<T>[] {
  const candidates: Match<T>[] = [];
  for (const { label, owner } of labels) {
    const pattern = new RegExp(escapeRegExp(label), isCaseSensitive(label) ? 'gu' : 'giu');
    for (const m of text.matchAll(pattern)) {
      const start = m.index;
      const end = start + m[0].length;
      if (start > 0 && WORD_CHAR.test(text[start - 1] ?? '') && WORD_CHAR.test(label[0] ?? '')) continue;
      if (end < text.length && WORD_CHAR.test(text[end] ?? '') && WORD_CHAR.test(label[label.length - 1] ?? '')) continue;
      candidates.push({ start, end, text: m[0], owner });
    }
  }
  candidates.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const taken: Match<T>[] = [];
  for (const c of candidates) {
    if (taken.every((t) => c.end <= t.start || c.start >= t.end)) taken.push(c);
  }
  return taken.sort((a, b) => a.start - b.start);
}
