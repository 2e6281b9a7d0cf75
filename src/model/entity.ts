/**
 * Rules on entity fields, shared by the seed reader and the curation mutations. Each check
 * returns the problem in words, or null.
 */
import { nameKey } from './ids';
import { firstWord } from './text';

export function wikidataProblem(value: string | null): string | null {
  return value !== null && !/^Q[1-9][0-9]*$/.test(value) ? `wikidata must be a QID such as Q7184, got ${JSON.stringify(value)}` : null;
}

export function iso3Problem(value: string | null): string | null {
  return value !== null && !/^[A-Z]{3}$/.test(value) ? `iso3 must be an ISO 3166-1 alpha-3 code such as JPN, got ${JSON.stringify(value)}` : null;
}

export const MAX_NAME_LENGTH = 200;

/** The distinct name keys of a name and its aliases, with the first word each is found by. */
export function nameRows(name: string, aliases: readonly string[]): { key: string; first: string | null }[] {
  return [...new Set([name, ...aliases].map(nameKey))].map((key) => ({ key, first: firstWord(key) }));
}

/** Aliases trimmed, without repeats and without the name itself (compared as name keys). */
export function cleanAliases(name: string, aliases: readonly string[]): string[] {
  const seen = new Set([nameKey(name)]);
  const result: string[] = [];
  for (const alias of aliases.map((a) => a.trim())) {
    const key = nameKey(alias);
    if (alias === '' || seen.has(key)) continue;
    seen.add(key);
    result.push(alias);
  }
  return result;
}
