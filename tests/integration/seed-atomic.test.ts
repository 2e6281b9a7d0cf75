/**
 * The loader is atomic for readers: while a re-seed replaces one synthetic seed by another that
 * differs in its relationships, documents and evidence, concurrent readers polling the graph see
 * the old seed or the new one, never a mix. What each seed looks like is computed from the seed
 * data itself, not from the graph.
 */
import { writeSeed } from '../../src/queries/seed';
import { globalId } from '../../src/model/ids';
import type { SeedData } from '../../src/seed/read';
import { syntheticGraph } from '../../bench/graph';
import { useEmptyNeo4j } from '../support/neo4j';

const neo4j = useEmptyNeo4j({ schema: true });

/** What a reader sees in one read transaction: counts, the kept totals, and one relationship's evidence. */
interface Observation {
  relationships: number;
  documents: number;
  countedTotal: number;
  /** The probe relationship's evidence: [document id, start] per passage. */
  probeEvidence: [string, number][] | null;
}

/** What the graph must show for a seed, from the seed data alone. */
function expected(seed: SeedData, probeId: string): Observation {
  const probe = seed.relationships.find((r) => r.id === probeId);
  return {
    relationships: seed.relationships.length,
    documents: seed.documents.length,
    countedTotal: seed.relationships.length,
    probeEvidence: probe === undefined ? null : probe.evidence.map((e) => [globalId('Document', e.documentSlug), e.start]),
  };
}

function observe(probeId: string): Promise<Observation> {
  // One read transaction: every number from the same snapshot of committed data.
  return neo4j.db.read(
    `CALL () { MATCH (:Entity)-[r]->(:Entity) RETURN count(r) AS relationships }
     CALL () { MATCH (d:Document) RETURN count(d) AS documents }
     CALL () { MATCH (c:RelationshipCount) RETURN sum(c.count) AS countedTotal }
     CALL () { OPTIONAL MATCH ()-[r]->() WHERE r.id = $probe RETURN CASE WHEN r IS NOT NULL THEN [i IN range(0, size(r.evidenceStarts) - 1) | [r.evidenceDocuments[i], r.evidenceStarts[i]]] END AS probeEvidence }
     RETURN relationships, documents, countedTotal, probeEvidence`,
    { probe: probeId },
    (records) => {
      const r = records[0];
      const evidence = r?.get('probeEvidence') as [string, unknown][] | null;
      return {
        relationships: Number(r?.get('relationships')),
        documents: Number(r?.get('documents')),
        countedTotal: Number(r?.get('countedTotal')),
        probeEvidence: evidence === null || evidence === undefined ? null : evidence.map(([d, start]) => [d, Number(start)]),
      };
    },
  );
}

describe('a re-seed under concurrent readers', () => {
  it('shows readers the old seed or the new one, never a mix', async () => {
    // The same entities; other relationships, documents and evidence passages.
    const oldSeed = syntheticGraph(400, 8, 1);
    const newSeed = syntheticGraph(400, 6, 2);
    const newIds = new Set(newSeed.relationships.map((r) => r.id));
    // A relationship both seeds state, from different documents or offsets: its evidence is replaced.
    const probeId = oldSeed.relationships.find((r) => newIds.has(r.id) && JSON.stringify(expected(oldSeed, r.id).probeEvidence) !== JSON.stringify(expected(newSeed, r.id).probeEvidence))?.id;
    expect(probeId).toBeDefined();
    const probe = probeId as string;
    const before = expected(oldSeed, probe);
    const after = expected(newSeed, probe);
    // The two seeds differ in everything the readers check, or the test could not fail.
    expect(after.relationships).not.toBe(before.relationships);
    expect(after.documents).not.toBe(before.documents);

    await writeSeed(neo4j.db, oldSeed);
    expect(await observe(probe)).toEqual(before);

    const seen: Observation[] = [];
    let loading = true;
    const readers = Array.from({ length: 2 }, async () => {
      while (loading) seen.push(await observe(probe));
    });
    await writeSeed(neo4j.db, newSeed);
    // A few more reads after the commit, so the switch itself is observed.
    for (let i = 0; i < 3; i += 1) seen.push(await observe(probe));
    loading = false;
    await Promise.all(readers);

    const same = (a: Observation, b: Observation): boolean => JSON.stringify(a) === JSON.stringify(b);
    expect(seen.filter((o) => !same(o, before) && !same(o, after))).toEqual([]);
    // The readers did read during the load (the old seed) and after it (the new one).
    expect(seen.filter((o) => same(o, before)).length).toBeGreaterThan(2);
    expect(seen[seen.length - 1]).toEqual(after);
  }, 180_000);
});
