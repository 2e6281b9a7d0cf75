/**
 * Keeping mentions true after a write: which documents may name some labels (the full-text
 * index, never a scan of every text), and finding again every mention in given documents
 * against every entity whose name could occur in them (names are looked up by their first word,
 * an index seek per distinct word of the text).
 */
import type { ManagedTransaction } from '../neo4j/driver';
import { run, statement } from '../neo4j/statement';
import { findMentions, wordsOf, type Label } from '../model/text';
import { replaceMentions, type MentionRow } from './writes';
import { SEARCH_INDEX } from './search';

/** Documents whose text may contain one of the labels as a phrase (a superset: the text is checked after). */
export async function documentsThatMayName(tx: ManagedTransaction, labels: readonly string[]): Promise<string[]> {
  const phrases = [...new Set(labels.map((l) => (l.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).join(' ')).filter((p) => p !== ''))];
  if (phrases.length === 0) return [];
  // Only words reach Lucene (see search.ts): no operator or quote can be injected.
  const query = phrases.map((p) => `text:"${p}"`).join(' OR ');
  const records = await run(
    tx,
    statement(
      'mentions.candidate-documents',
      `CALL db.index.fulltext.queryNodes($index, $query) YIELD node
       WITH node WHERE node:Document
       RETURN node.id AS id`,
      { index: SEARCH_INDEX, query },
    ),
  );
  return records.map((r) => r.get('id') as string);
}

/** Finds every mention in the documents again and replaces what they had. */
export async function refreshMentions(tx: ManagedTransaction, documentIds: readonly string[]): Promise<void> {
  const ids = [...new Set(documentIds)];
  if (ids.length === 0) return;
  const documents = (await run(tx, statement('mentions.document-texts', 'MATCH (d:Document) WHERE d.id IN $ids RETURN d.id AS id, d.text AS text', { ids }))).map((r) => ({
    id: r.get('id') as string,
    text: r.get('text') as string,
  }));
  const words = [...new Set(documents.flatMap((d) => wordsOf(d.text)))];
  const labels: Label<string>[] = (
    await run(
      tx,
      statement(
        'mentions.candidate-names',
        `MATCH (n:Name)-[:NAMES]->(e:Entity) WHERE n.first IN $words
         RETURN DISTINCT e.id AS id, [e.name] + coalesce(e.aliases, []) AS labels`,
        { words },
      ),
    )
  ).flatMap((r) => (r.get('labels') as string[]).map((label) => ({ label, owner: r.get('id') as string })));
  const rows: MentionRow[] = [];
  for (const document of documents) {
    const byEntity = new Map<string, MentionRow>();
    for (const m of findMentions(document.text, labels)) {
      let row = byEntity.get(m.owner);
      if (row === undefined) {
        row = { document: document.id, entity: m.owner, starts: [], ends: [], texts: [] };
        byEntity.set(m.owner, row);
        rows.push(row);
      }
      row.starts.push(m.start);
      row.ends.push(m.end);
      row.texts.push(m.text);
    }
  }
  await run(tx, replaceMentions(ids, rows));
}
