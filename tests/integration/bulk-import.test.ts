/**
 * The bulk path of a first load (src/seed/bulk.ts, the launcher's --import) against real Neo4j
 * instances of its own: the graph it leaves equals the one the transactional loader leaves from
 * the same seed (the article's and a small one of awkward strings and empty lists, in one import),
 * compared by a dump written here (every node's labels and typed properties, every relationship's
 * type, ends and typed properties, sorted); `npm run seed -- --bulk` (as built) is refused by a
 * database that holds data and leaves it as it was; a curated write after it meets the
 * constraints; a failed import leaves no store.
 *
 * @standalone
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import neo4jDriver from 'neo4j-driver';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/log';
import type { CypherExecutor } from '../../src/neo4j/driver';
import { startEmbeddedNeo4j } from '../../src/neo4j/embedded';
import { connectNeo4j, type Neo4jHandle } from '../../src/neo4j/connect';
import { applyConstraints } from '../../src/queries/constraints';
import { writeSeed } from '../../src/queries/seed';
import { assertRelationship } from '../../src/queries/curation';
import { SEED_DIR } from '../../src/seed/load';
import { readSeed, type SeedData } from '../../src/seed/read';
import { embeddedStore, startWithBulkSeed } from '../../src/seed/bulk';
import { clearDatabase, floatProperties } from '../support/neo4j';
import { built, cleanEnv, QUICK_START_JVM_OPTIONS, runToEnd } from '../support/processes';

jest.setTimeout(300_000);

const logger = createLogger('silent');
const dirs: string[] = [];
const tempDir = (name: string): string => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `actor-graph-${name}-`));
  dirs.push(dir);
  return dir;
};
const configFor = (dataDir: string): ReturnType<typeof loadConfig> =>
  loadConfig({ NEO4J_EMBEDDED_DATA_DIR: dataDir, NEO4J_EMBEDDED_PORT: '0', NEO4J_EMBEDDED_HEAP: '384m', NEO4J_EMBEDDED_PAGECACHE: '64m', NEO4J_EMBEDDED_JVM_OPTIONS: QUICK_START_JVM_OPTIONS.join(' ') });

/** Every node and relationship with its properties' values and types, ends named by label and id (or key), sorted. */
async function dump(db: CypherExecutor): Promise<string[]> {
  const typed = (entries: [string, unknown, string][]): unknown =>
    entries
      .map(([k, v, t]) => [k, neo4jDriver.isInt(v) ? `int:${v.toString()}` : v, t])
      .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
  return db.read(
    `CALL () {
       MATCH (n) RETURN 'node' AS kind, labels(n) AS tags, [k IN keys(n) | [k, n[k], valueType(n[k])]] AS props, null AS ends
       UNION ALL
       MATCH (a)-[r]->(b) RETURN 'rel' AS kind, [type(r)] AS tags, [k IN keys(r) | [k, r[k], valueType(r[k])]] AS props,
                                 [labels(a), coalesce(a.id, a.key), labels(b), coalesce(b.id, b.key)] AS ends
     }
     RETURN kind, tags, props, ends`,
    {},
    (records) =>
      records
        .map((r) => {
          const props = typed(r.get('props') as [string, unknown, string][]) as [string, unknown, string][];
          // When the load happened is the one value the two paths cannot share: its type is compared, and it is checked below.
          const stable = props.map(([k, v, t]) => ((r.get('tags') as string[])[0] === 'Change' && k === 'at' ? [k, 'when', t] : [k, v, t]));
          return JSON.stringify([r.get('kind'), [...(r.get('tags') as string[])].sort(), stable, r.get('ends')]);
        })
        .sort(),
  );
}

/**
 * Empties the database, loads `seed` through the transactional path and dumps it: the reference a
 * bulk load's dump is compared with, in the same Neo4j (a second one would cost a JVM and a DBMS start).
 */
async function transactionalDump(db: CypherExecutor, seed: SeedData): Promise<string[]> {
  await clearDatabase(db);
  await applyConstraints(db);
  const before = Date.now();
  await writeSeed(db, seed);
  await expectChangeAt(db, before, Date.now());
  return dump(db);
}

/** The one SEEDED change was recorded while the load ran, as a whole number of milliseconds. */
async function expectChangeAt(db: CypherExecutor, from: number, to: number): Promise<void> {
  const at = await db.read("MATCH (c:Change {kind: 'SEEDED'}) RETURN c.at AS at", {}, (records) => records.map((r) => r.get('at') as unknown));
  expect(at).toHaveLength(1);
  expect(neo4jDriver.isInt(at[0])).toBe(true);
  const ms = Number(at[0]);
  expect(ms).toBeGreaterThanOrEqual(from);
  expect(ms).toBeLessThanOrEqual(to);
}

const handles = new Set<Neo4jHandle>();

afterAll(async () => {
  for (const h of handles) await h.close();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** Strings the importer's CSV must carry whole, lists it cannot write directly, a missing value, an attribution. */
const AWKWARD_TEXT = 'Alpha "Quoted"; Beta, Gamma\nsaid: Delta\r\nagreed with "Alpha" on a; b, c.\n\nÉpsilon ✓ ends here.';
const awkwardSeed = (): SeedData => {
  const quote = (s: string): { quote: string; start: number; end: number } => {
    const start = AWKWARD_TEXT.indexOf(s);
    return { quote: s, start, end: start + s.length };
  };
  return {
    entities: [
      { slug: 'alpha', name: 'Alpha "Quoted"; Beta', kind: 'ORGANIZATION', aliases: ['A, "B"', 'line\nbreak', ' spaced  out '], description: 'He said "no";\nthen, yes.', wikidata: 'Q1', iso3: null },
      { slug: 'delta', name: 'Delta', kind: 'COUNTRY', aliases: [], description: null, wikidata: null, iso3: 'DLT' },
      { slug: 'epsilon', name: 'Épsilon ✓', kind: 'OFFICE', aliases: ['""'], description: '', wikidata: null, iso3: null },
    ],
    documents: [
      { slug: 'awkward', title: 'A "title", with; delimiters', text: AWKWARD_TEXT },
      { slug: 'unused', title: 'Cited by nothing', text: 'No relationship cites this document.' },
    ],
    relationships: [
      {
        id: 'relationship:alpha:COOPERATES_WITH:delta',
        type: 'COOPERATES_WITH',
        sourceSlug: 'alpha',
        targetSlug: 'delta',
        stance: 'COOPERATIVE',
        modality: 'ASSERTED',
        attributedToSlug: null,
        evidence: [
          { documentSlug: 'awkward', ...quote('Delta\r\nagreed with "Alpha" on a; b, c.') },
          { documentSlug: 'awkward', ...quote('Alpha "Quoted"; Beta') },
        ],
      },
      {
        id: 'relationship:delta:COUNTERS:epsilon',
        type: 'COUNTERS',
        sourceSlug: 'delta',
        targetSlug: 'epsilon',
        stance: 'ADVERSARIAL',
        modality: 'ATTRIBUTED',
        attributedToSlug: 'alpha',
        evidence: [{ documentSlug: 'awkward', ...quote('Épsilon ✓ ends here.') }],
      },
    ],
    mentions: [
      { documentSlug: 'awkward', entitySlug: 'delta', spans: [{ ...quote('Delta'), text: 'Delta' }] },
      { documentSlug: 'awkward', entitySlug: 'epsilon', spans: [{ ...quote('Épsilon ✓'), text: 'Épsilon ✓' }, { start: 0, end: 0, text: '' }] },
    ],
  };
};

describe('the bulk path of a first load', () => {
  // One import (the article's seed and the awkward one together) serves every test but the last:
  // each import costs a JVM, the importer and a DBMS start.
  const seed: SeedData = (() => {
    const article = readSeed(SEED_DIR);
    const awkward = awkwardSeed();
    return {
      entities: [...article.entities, ...awkward.entities],
      documents: [...article.documents, ...awkward.documents],
      relationships: [...article.relationships, ...awkward.relationships],
      mentions: [...article.mentions, ...awkward.mentions],
    };
  })();
  const dataDir = tempDir('bulk');
  let loaded: Neo4jHandle | undefined;
  let bulkDump: string[] = [];
  const db = (): CypherExecutor => {
    if (loaded === undefined) throw new Error('the seed was not bulk-loaded (an earlier test failed)');
    // No request deadline: nothing here is about deadlines, and a cold JVM's first plans can take
    // longer than the API's 7 s when the whole suite shares the machine (seen in a CI run).
    return loaded.db.withTimeout(undefined);
  };

  it('loads a new embedded database through the importer, its stages reported, the SEEDED change recorded', async () => {
    const stages: string[] = [];
    const before = Date.now();
    const { neo4j, counts } = await startWithBulkSeed(configFor(dataDir), logger, seed, { statement: ({ name }) => stages.push(name) });
    loaded = neo4j;
    handles.add(neo4j);
    await expectChangeAt(db(), before, Date.now());
    expect(counts).toMatchObject({ entities: seed.entities.length, relationships: seed.relationships.length, documents: seed.documents.length });
    expect(stages).toEqual(expect.arrayContaining(['bulk.write-files', 'bulk.import', 'bulk.schema']));
    expect(stages.filter((name) => name.startsWith('bulk.import.')).length).toBeGreaterThan(0);
    bulkDump = await dump(db());
    expect(bulkDump.length).toBeGreaterThan(seed.entities.length + seed.relationships.length);
    // Offsets and counts are whole numbers: the importer's files declare them so (long, long[]).
    expect(await floatProperties(db())).toEqual([]);
  });

  it('writes the values character for character: quotes, delimiters, line breaks, empty lists and strings', async () => {
    const alpha = await db().read("MATCH (e:Entity {id: 'entity:alpha'}) RETURN e.name AS name, e.aliases AS aliases, e.description AS description", {}, (r) => r[0]?.toObject());
    expect(alpha).toEqual({ name: 'Alpha "Quoted"; Beta', aliases: ['A, "B"', 'line\nbreak', ' spaced  out '], description: 'He said "no";\nthen, yes.' });
    const delta = await db().read("MATCH (e:Entity {id: 'entity:delta'}) RETURN e.aliases AS aliases, e.description IS NULL AS noDescription", {}, (r) => r[0]?.toObject());
    expect(delta).toEqual({ aliases: [], noDescription: true });
    const text = await db().read("MATCH (d:Document {id: 'document:awkward'}) RETURN d.text AS text", {}, (r) => r[0]?.get('text') as string);
    expect(text).toBe(AWKWARD_TEXT);
    const unused = await db().read("MATCH (d:Document {id: 'document:unused'}) RETURN d.relationshipIds AS ids", {}, (r) => r[0]?.get('ids') as unknown);
    expect(unused).toEqual([]);
    const texts = await db().read("MATCH (:Document)-[m:MENTIONS]->(:Entity {id: 'entity:epsilon'}) RETURN m.texts AS texts", {}, (r) => r[0]?.get('texts') as unknown);
    expect(texts).toEqual(['Épsilon ✓', '']);
  });

  it('npm run seed -- --bulk (as built) is refused by a database that holds data, which it leaves as it was', async () => {
    if (loaded !== undefined) {
      handles.delete(loaded);
      await loaded.close();
      loaded = undefined;
    }
    const env = cleanEnv({ NEO4J_EMBEDDED_DATA_DIR: dataDir, NEO4J_EMBEDDED_PORT: '0', NEO4J_EMBEDDED_HEAP: '384m', NEO4J_EMBEDDED_PAGECACHE: '64m', LOG_LEVEL: 'info' });
    const refused = await runToEnd(built('cli/seed.js'), ['--bulk'], env, 200_000);
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^seed: the embedded Neo4j exited \(code 1\) before it was ready: refused: the database 'neo4j' in .* is not empty \(\d+ nodes, \d+ relationships\).*Nothing was changed$/)]);
    loaded = await connectNeo4j(configFor(dataDir), logger);
    handles.add(loaded);
    expect(await dump(db())).toEqual(bulkDump);
  });

  it('is followed by curated writes that meet the constraints: stating a relationship again keeps one', async () => {
    const r = seed.relationships.find((x) => x.modality !== 'ATTRIBUTED');
    if (r === undefined) throw new Error('the seed has no unattributed relationship');
    const between = (): Promise<number> =>
      db().read(
        `MATCH (:Entity {id: $source})-[r]->(:Entity {id: $target}) WHERE type(r) = $type RETURN count(r) AS n`,
        { source: `entity:${r.sourceSlug}`, target: `entity:${r.targetSlug}`, type: r.type },
        (records) => Number(records[0]?.get('n')),
      );
    expect(await between()).toBe(1);
    const evidence = r.evidence[0];
    if (evidence === undefined) throw new Error('a seed relationship without evidence');
    await assertRelationship(db(), 'curator', {
      sourceId: `entity:${r.sourceSlug}`,
      type: r.type,
      targetId: `entity:${r.targetSlug}`,
      stance: r.stance,
      modality: r.modality,
      evidence: [{ documentId: `document:${evidence.documentSlug}`, quote: evidence.quote }],
    });
    expect(await between()).toBe(1);
    // The identity key's uniqueness constraint was built on the imported data: a second relationship with the key is refused.
    const duplicate = db().write(
      `MATCH (s:Entity {id: $source})-[old:${r.type}]->(t:Entity {id: $target}) CREATE (s)-[:${r.type} {id: old.id + ':copy', key: old.key}]->(t)`,
      { source: `entity:${r.sourceSlug}`, target: `entity:${r.targetSlug}` },
      () => undefined,
    );
    await expect(duplicate).rejects.toMatchObject({ code: 'Neo.ClientError.Schema.ConstraintValidationFailed' });
  });

  it('left the same graph as the transactional loader leaves from the same seed', async () => {
    expect(bulkDump).toEqual(await transactionalDump(db(), seed));
  });

  it('fails whole on bad input: one line naming the cause, exit before serving, no store left behind', async () => {
    const badDir = tempDir('bulk-bad');
    const input = tempDir('bulk-bad-input');
    fs.writeFileSync(path.join(input, 'entities.csv'), 'id:ID(Entity),name\n"entity:a","A"\n');
    // A relationship to an entity that is not there.
    fs.writeFileSync(path.join(input, 'relationships.csv'), ':START_ID(Entity),:END_ID(Entity),:TYPE\n"entity:a","entity:missing",ALLY_OF\n');
    fs.writeFileSync(path.join(input, 'import.args'), [`--nodes=Entity=${path.join(input, 'entities.csv')}`, `--relationships=${path.join(input, 'relationships.csv')}`, '--bad-tolerance=0'].join('\n'));
    const failed = startEmbeddedNeo4j({ host: '127.0.0.1', port: 0, dataDir: badDir, heap: '384m', pageCache: '64m', logger, importDir: input, jvmOptions: QUICK_START_JVM_OPTIONS });
    await expect(failed).rejects.toThrow(
      /^the embedded Neo4j exited \(code 1\) before it was ready: the bulk import failed, nothing was loaded: .*ALLY_OF.* referring to missing node entity:missing \(relationships\.csv line \d+\)$/,
    );
    expect(fs.existsSync(embeddedStore(badDir))).toBe(false);
  });
});
