/**
 * Loading the seed into a real Neo4j: idempotent and stable, and all-or-nothing: a refused seed,
 * or one that fails inside the write transaction, leaves the graph exactly as it was.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeSeed } from '../../src/queries/seed';
import { loadSeed, SEED_DIR } from '../../src/seed/load';
import { readSeed, SeedError } from '../../src/seed/read';
import { clearDatabase, ensureSeeded, floatProperties, graphSnapshot, releaseSeeded, useEmptyNeo4j } from '../support/neo4j';

const neo4j = useEmptyNeo4j();
const tempDirs: string[] = [];

afterAll(() => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** A copy of the project seed with one file edited. */
function editedSeed(file: string, edit: (content: string) => string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'actor-graph-seed-'));
  tempDirs.push(dir);
  fs.cpSync(SEED_DIR, dir, { recursive: true });
  const target = path.join(dir, file);
  fs.writeFileSync(target, edit(fs.readFileSync(target, 'utf8')));
  return dir;
}

const count = (cypher: string): Promise<number> => neo4j.db.read(cypher, {}, (records) => Number(records[0]?.get(0)));

describe('loading the seed', () => {
  it('loads entities, documents, relationships and mentions', async () => {
    const seed = readSeed(SEED_DIR);
    const counts = await loadSeed(neo4j.db);
    expect(counts).toMatchObject({ entities: seed.entities.length, documents: seed.documents.length, relationships: seed.relationships.length });
    expect(await count('MATCH (e:Entity) RETURN count(e)')).toBe(seed.entities.length);
    expect(await count('MATCH (:Entity)-[r]->(:Entity) RETURN count(r)')).toBe(seed.relationships.length);
    expect(await count('MATCH (:Document)-[m:MENTIONS]->() RETURN sum(size(m.starts))')).toBe(counts.mentions);
  });

  it('is idempotent: loading again gives the same ids, properties and counts, and logs one SEEDED change', async () => {
    await loadSeed(neo4j.db);
    const isLog = (line: string): boolean => line.startsWith('["node",["Change"]') || line.startsWith('["node",["ChangeLog"]');
    const before = await graphSnapshot(neo4j.db);
    const counts = await loadSeed(neo4j.db);
    const after = await graphSnapshot(neo4j.db);
    expect(after.filter((line) => !isLog(line))).toEqual(before.filter((line) => !isLog(line)));
    const added = after.filter((line) => isLog(line) && !before.includes(line));
    expect(added).toHaveLength(2); // the new change, and the counter that numbered it
    expect(added.find((line) => line.startsWith('["node",["Change"]'))).toContain('"kind":"SEEDED"');
    expect(counts.relationships).toBe(readSeed(SEED_DIR).relationships.length);
  });

  it('stores offsets and counts as integers, and the offsets read each passage out of its document in Cypher, on a first load and a re-seed', async () => {
    // Each passage read back by Cypher alone from the stored offsets, as someone querying the
    // graph directly would: a wrong offset reads other text.
    const passagesReadByCypher = (): Promise<{ stored: string; read: string }[]> =>
      neo4j.db.read(
        `CALL () {
           MATCH (d:Document)-[m:MENTIONS]->(:Entity) UNWIND range(0, size(m.starts) - 1) AS i
           RETURN m.texts[i] AS stored, substring(d.text, m.starts[i], m.ends[i] - m.starts[i]) AS read
           UNION ALL
           MATCH (:Entity)-[r]->(:Entity) UNWIND range(0, size(r.evidenceStarts) - 1) AS i
           MATCH (d:Document {id: r.evidenceDocuments[i]})
           RETURN r.evidenceQuotes[i] AS stored, substring(d.text, r.evidenceStarts[i], r.evidenceEnds[i] - r.evidenceStarts[i]) AS read }
         RETURN stored, read`,
        {},
        (records) => records.map((r) => ({ stored: r.get('stored') as string, read: r.get('read') as string })),
      );
    await clearDatabase(neo4j.db);
    for (const load of ['first load', 're-seed']) {
      await loadSeed(neo4j.db);
      expect({ load, floats: await floatProperties(neo4j.db) }).toEqual({ load, floats: [] });
      const passages = await passagesReadByCypher();
      expect(passages.length).toBeGreaterThan(0);
      for (const p of passages) expect(p.read).toBe(p.stored);
    }
  });

  it('creates in an empty graph exactly what a re-seed over it would leave (the first load skips merging)', async () => {
    await clearDatabase(neo4j.db);
    const isLog = (line: string): boolean => line.startsWith('["node",["Change"]') || line.startsWith('["node",["ChangeLog"]');
    await loadSeed(neo4j.db);
    const created = await graphSnapshot(neo4j.db);
    await loadSeed(neo4j.db);
    expect((await graphSnapshot(neo4j.db)).filter((line) => !isLog(line))).toEqual(created.filter((line) => !isLog(line)));
  });

  it('removes what the seed no longer has and keeps the ids of the rest', async () => {
    const dir = editedSeed('relationships.yaml', (yaml) => yaml.replace(/- source: japan\n {2}type: NEAR\n {2}target: china\n[\s\S]*?quote: Japan's proximity to China\n/, ''));
    await loadSeed(neo4j.db, dir);
    expect(await count("MATCH ()-[r]->() WHERE r.id = 'relationship:japan:NEAR:china' RETURN count(r)")).toBe(0);
    expect(await count("MATCH ()-[r]->() WHERE r.id = 'relationship:nato:COUNTERS:china' RETURN count(r)")).toBe(1);
    await loadSeed(neo4j.db);
    expect(await count("MATCH ()-[r]->() WHERE r.id = 'relationship:japan:NEAR:china' RETURN count(r)")).toBe(1);
  });

  it.each([
    ['a quote not in the text', 'relationships.yaml', (y: string) => y.replace('quote: given its leading role within NATO', 'quote: given its leading role within the UN'), 'is not in document'],
    ['an unknown entity', 'relationships.yaml', (y: string) => y.replace('target: tokyo', 'target: kyoto'), 'target names an unknown entity "kyoto"'],
    ['an unknown type', 'relationships.yaml', (y: string) => y.replace('type: LEADS', 'type: RULES'), 'type must be one of'],
    ['a repeated entity id', 'entities.yaml', (y: string) => `${y}\n- id: nato\n  name: NATO again\n  kind: ORGANIZATION\n`, 'repeats id "nato"'],
  ])('refuses a seed with %s and leaves the graph untouched', async (_label, file, edit, message) => {
    await loadSeed(neo4j.db);
    const before = await graphSnapshot(neo4j.db);
    const dir = editedSeed(file, edit);
    await expect(loadSeed(neo4j.db, dir)).rejects.toThrow(SeedError);
    await expect(loadSeed(neo4j.db, dir)).rejects.toThrow(message);
    expect(await graphSnapshot(neo4j.db)).toEqual(before);
  });

  it('rolls back the whole write when the database refuses part of it', async () => {
    await loadSeed(neo4j.db);
    const before = await graphSnapshot(neo4j.db);
    const seed = readSeed(SEED_DIR);
    // Bypass the reader's checks: two entities claim the alias "NATO", which the name_key
    // constraint refuses after entities were already merged in the same transaction.
    const clash = { ...seed, entities: [...seed.entities.map((e) => (e.slug === 'tokyo' ? { ...e, name: 'Tokyo (renamed)' } : e)), { slug: 'nato-copy', name: 'nato', kind: 'ORGANIZATION' as const, aliases: [], description: null, wikidata: null, iso3: null }] };
    await expect(writeSeed(neo4j.db, clash)).rejects.toThrow();
    expect(await graphSnapshot(neo4j.db)).toEqual(before);
  });
});

describe('the seed the test files share (ensureSeeded, releaseSeeded)', () => {
  const isLog = (line: string): boolean => line.startsWith('["node",["Change"]') || line.startsWith('["node",["ChangeLog"]');
  const touchNato = (): Promise<void> => neo4j.db.write("MATCH (e:Entity {id: 'entity:nato'}) SET e.description = 'touched by a test'", {}, () => undefined);

  it('is loaded into an empty graph, reused while unchanged, and loaded afresh once anything changed', async () => {
    await clearDatabase(neo4j.db);
    await ensureSeeded(neo4j.db);
    const loaded = await graphSnapshot(neo4j.db);
    expect(await count('MATCH (e:Entity) RETURN count(e)')).toBe(readSeed(SEED_DIR).entities.length);
    // Reused: not even the time of the load's SEEDED change moves.
    await ensureSeeded(neo4j.db);
    expect(await graphSnapshot(neo4j.db)).toEqual(loaded);
    // One changed property: loaded again (a new SEEDED change), and the change is gone.
    await touchNato();
    await ensureSeeded(neo4j.db);
    const reloaded = await graphSnapshot(neo4j.db);
    expect(reloaded).not.toEqual(loaded);
    expect(reloaded.filter((line) => !isLog(line))).toEqual(loaded.filter((line) => !isLog(line)));
  });

  it('stays after a file that left it unchanged, and is emptied after one that changed it', async () => {
    await ensureSeeded(neo4j.db);
    const loaded = await graphSnapshot(neo4j.db);
    await releaseSeeded(neo4j.db);
    expect(await graphSnapshot(neo4j.db)).toEqual(loaded);
    await touchNato();
    await releaseSeeded(neo4j.db);
    expect(await count('MATCH (n) RETURN count(n)')).toBe(0);
  });
});
