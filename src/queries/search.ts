/**
 * Full-text search over entity names, aliases and descriptions and document titles and text: one
 * Neo4j full-text (Lucene) index, one query. User text never reaches Lucene's query syntax: only
 * its words (letters and digits) do, so quotes, operators and wildcards cannot be injected.
 */
import type { CypherExecutor, Neo4jRecord } from '../neo4j/driver';
import { int } from '../neo4j/driver';
import type { EntityModel, SearchHitModel } from '../model';
import { documentProjection, toDocument } from './documents';
import { ENTITY_PROJECTION, toEntity } from './entities';

export const SEARCH_INDEX = 'search';
const MAX_WORDS = 16;
const SNIPPET_RADIUS = 90;

/** The words of a search text, lower-cased; empty when it has none. */
export function searchWords(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, MAX_WORDS);
}

/** A Lucene query from words only: the exact phrase ranks highest, then all words, then any, and the last word also as a prefix (typing). */
export function luceneQuery(words: readonly string[]): string {
  const last = words[words.length - 1] ?? '';
  const clauses = [`"${words.join(' ')}"^4`, `(${words.join(' AND ')})^2`, ...words, ...(last.length >= 2 ? [`${last}*`] : [])];
  return clauses.join(' ');
}

export function searchGraph(db: CypherExecutor, text: string, first: number): Promise<SearchHitModel[]> {
  const words = searchWords(text);
  if (words.length === 0 || first === 0) return Promise.resolve([]);
  return db.read(
    `CALL db.index.fulltext.queryNodes($index, $query, {limit: $limit}) YIELD node AS e, score
     RETURN score,
            CASE WHEN e:Entity THEN ${ENTITY_PROJECTION} END AS entity,
            CASE WHEN e:Document THEN ${documentProjection('e', false)} END AS document
     ORDER BY score DESC, e.id`,
    { index: SEARCH_INDEX, query: luceneQuery(words), limit: int(first) },
    (records) =>
      records.map((r: Neo4jRecord) => {
        const entity = r.get('entity') as Record<string, unknown> | null;
        const document = r.get('document') as Record<string, unknown> | null;
        // A document's text can be large: the hit carries none; Document.text and the snippet load it when asked.
        return { score: r.get('score') as number, node: entity !== null ? toEntity(entity) : toDocument(document), words };
      }),
  );
}

/**
 * Up to SNIPPET_RADIUS characters either side of the best place the words appear (the whole
 * phrase if it does, else the longest word), cut at word boundaries; null when none appears.
 */
export function passage(text: string, words: readonly string[]): string | null {
  const lower = text.toLowerCase();
  const candidates = [words.join(' '), ...[...words].sort((a, b) => b.length - a.length)];
  const at = candidates.map((w) => lower.search(new RegExp(`(?<![\\p{L}\\p{N}])${w}`, 'u'))).find((i) => i >= 0);
  if (at === undefined) return null;
  let start = Math.max(0, at - SNIPPET_RADIUS);
  let end = Math.min(text.length, at + SNIPPET_RADIUS);
  if (start > 0) start = text.indexOf(' ', start) + 1 || start;
  if (end < text.length) end = text.lastIndexOf(' ', end) > at ? text.lastIndexOf(' ', end) : end;
  return `${start > 0 ? '…' : ''}${text.slice(start, end).replace(/\s+/gu, ' ').trim()}${end < text.length ? '…' : ''}`;
}

export function entitySnippet(entity: EntityModel, words: readonly string[]): string {
  const names = [entity.name, ...entity.aliases].join(' · ');
  if (entity.description !== null && passage(entity.description, words) !== null) return `${names}: ${entity.description}`;
  return names;
}
