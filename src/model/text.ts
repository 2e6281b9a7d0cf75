/**
 * Domain rules on document text, shared by the seed loader and the curation mutations: where a
 * quote is (evidence is located by the server, never trusted from the client) and which spans
 * name an entity (mentions). Offsets are computed the way clients slice: JavaScript string
 * offsets (UTF-16 code units), so `text.slice(start, end)` gives back the quote or mention exactly.
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

/** Shown in messages: a quote cut to a readable length, JSON-quoted. */
export function shownQuote(quote: string): string {
  return JSON.stringify(quote.length > 80 ? `${quote.slice(0, 77)}...` : quote);
}

/**
 * The span of `quote` in a document's text, or the reason it has none. `occurrence` (from 1)
 * picks among repeats; `undefined` accepts only a quote that occurs once (the seed's rule: it
 * must say which one); `null` is refused outright (a client sent no occurrence).
 */
export function locateQuote(text: string, quote: string, occurrence: unknown, documentName: string): Span | string {
  if (quote.trim() === '') return `the quote is empty: copy the passage that states it from document ${documentName}`;
  const found = occurrences(text, quote);
  const shown = shownQuote(quote);
  if (found.length === 0) {
    const loose = occurrences(looseForm(text), looseForm(quote)).length > 0;
    return `quote ${shown} is not in document ${documentName}${loose ? ' (it differs from the text only in quote marks, dashes or whitespace: copy it exactly)' : ''}`;
  }
  if (occurrence === undefined) {
    if (found.length > 1) return `quote ${shown} is ambiguous: it occurs ${found.length} times in document ${documentName} (at offsets ${found.join(', ')}); add occurrence: 1 to ${found.length}, or quote more of the sentence`;
    const start = found[0] as number;
    return { start, end: start + quote.length };
  }
  if (typeof occurrence !== 'number' || !Number.isInteger(occurrence) || occurrence < 1 || occurrence > found.length) {
    return `occurrence must be an integer from 1 to ${found.length} (quote ${shown} occurs ${found.length} time${found.length === 1 ? '' : 's'} in document ${documentName}), got ${JSON.stringify(occurrence)}`;
  }
  const start = found[occurrence - 1] as number;
  return { start, end: start + quote.length };
}

/** The lower-cased first word of a name key: names are found in a text by the words it has. */
export function firstWord(key: string): string | null {
  return key.match(/[\p{L}\p{N}_]+/u)?.[0]?.toLowerCase() ?? null;
}

/** The distinct lower-cased words of a text (the candidates for `firstWord` of any name in it). */
export function wordsOf(text: string): string[] {
  return [...new Set((text.match(/[\p{L}\p{N}_]+/gu) ?? []).map((w) => w.toLowerCase()))];
}
