/**
 * What follows a bulk import (src/seed/bulk.ts), once the DBMS serves the imported store: the list
 * properties the importer cannot write (empty lists, a list of one empty string; see
 * src/seed/import-files.ts), set here so the graph equals what the transactional loader writes.
 */
import { statement, type Statement } from '../neo4j/statement';
import { relationTypePattern } from '../model/vocabulary';
import type { ListFixup } from '../seed/import-files';

/** Property names the fix-ups may set: the importer files' list columns, never anything from the data. */
const LIST_PROPERTIES = new Set(['aliases', 'relationshipIds', 'evidenceQuotes', 'evidenceStarts', 'evidenceEnds', 'evidenceDocuments', 'evidenceOrigins', 'documents']);
const NODE_LABELS = new Set(['Entity', 'Document']);

/** One statement per label (or type) and property, over the ids that need it. */
export function listFixupStatements(fixups: readonly ListFixup[]): Statement[] {
  const groups = new Map<string, ListFixup[]>();
  for (const f of fixups) {
    const key = `${f.on}\u0000${f.label}\u0000${f.property}`;
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  return [...groups.values()].map((group) => {
    const { on, label, property } = group[0] as ListFixup;
    if (!LIST_PROPERTIES.has(property)) throw new Error(`not a list property of the importer's files: ${property}`);
    const rows = group.map((f) => ({ id: f.id, value: f.value }));
    if (on === 'node') {
      if (!NODE_LABELS.has(label)) throw new Error(`not a label of the importer's files: ${label}`);
      return statement(`bulk.set-lists.${label}.${property}`, `UNWIND $rows AS row MATCH (n:${label} {id: row.id}) SET n.${property} = row.value`, { rows });
    }
    return statement(
      `bulk.set-lists.${label}.${property}`,
      `UNWIND $rows AS row MATCH ()-[r${relationTypePattern([label])} {id: row.id}]->() SET r.${property} = row.value`,
      { rows },
    );
  });
}
