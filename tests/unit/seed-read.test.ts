/**
 * The seed reader refuses bad seeds, naming file, record and reason, before anything is written.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readSeed, SeedError } from '../../src/seed/read';
import { SEED_DIR } from '../../src/seed/load';

function seedDir(entitiesYaml: string, documents: Record<string, string> = { 'a-doc.txt': 'A title\nNATO and Japan.' }): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'actor-graph-seed-'));
  fs.writeFileSync(path.join(dir, 'entities.yaml'), entitiesYaml);
  fs.mkdirSync(path.join(dir, 'documents'));
  for (const [name, text] of Object.entries(documents)) fs.writeFileSync(path.join(dir, 'documents', name), text);
  return dir;
}

function problemsOf(dir: string): string[] {
  try {
    readSeed(dir);
  } catch (e: unknown) {
    if (e instanceof SeedError) return e.problems.map((p) => `${p.file} ${p.record}: ${p.reason}`);
    throw e;
  }
  throw new Error('expected the seed to be refused');
}

const NATO = '- id: nato\n  name: NATO\n  kind: ORGANIZATION\n  aliases: [North Atlantic Treaty Organization]\n';

describe('readSeed', () => {
  it('reads the project seed: the seven actors with kinds and aliases, and the article', () => {
    const seed = readSeed(SEED_DIR);
    const slugs = seed.entities.map((e) => e.slug);
    for (const actor of ['nato', 'japan', 'china', 'south-korea', 'australia', 'new-zealand', 'united-states']) expect(slugs).toContain(actor);
    expect(seed.entities.find((e) => e.slug === 'united-states')?.aliases).toEqual(expect.arrayContaining(['US', 'USA']));
    const article = seed.documents.find((d) => d.slug === 'nato-liaison-office-japan');
    expect(article?.title).toBe("NATO's Liaison Office in Japan: An Initiative to Counter China and Promote Regional Stability");
    expect(article?.text).toBe(fs.readFileSync(path.join(SEED_DIR, 'documents', 'nato-liaison-office-japan.txt'), 'utf8'));
  });

  it('accepts a minimal valid seed', () => {
    const seed = readSeed(seedDir(NATO));
    expect(seed.entities).toEqual([{ slug: 'nato', name: 'NATO', kind: 'ORGANIZATION', aliases: ['North Atlantic Treaty Organization'], description: null, wikidata: null, iso3: null }]);
    expect(seed.documents).toEqual([{ slug: 'a-doc', title: 'A title', text: 'A title\nNATO and Japan.' }]);
  });

  it.each([
    ['a repeated id', NATO + NATO.replace('North Atlantic Treaty Organization', 'OTAN'), 'entity "nato" (#2): repeats id "nato" (first used by record #1)'],
    ['an unknown kind', '- id: x\n  name: X\n  kind: PLANET\n', 'entity "x" (#1): kind must be one of COUNTRY, ORGANIZATION'],
    ['a bad slug', '- id: Not A Slug\n  name: X\n  kind: CITY\n', 'id must be a slug'],
    ['an unknown field', '- id: x\n  name: X\n  kind: CITY\n  alias: [Y]\n', 'entity "x" (#1): unknown field "alias"'],
    ['a missing name', '- id: x\n  kind: CITY\n', 'entity "x" (#1): name must be a non-empty string'],
    ['an alias owned by two entities', NATO + '- id: otan\n  name: OTAN\n  kind: ORGANIZATION\n  aliases: [north atlantic treaty organization]\n', 'entity "otan" (#2): name or alias "north atlantic treaty organization" is already used by entity "nato"'],
    ['a bad QID', '- id: x\n  name: X\n  kind: CITY\n  wikidata: "7184"\n', 'wikidata must be a QID'],
    ['a bad ISO code', '- id: x\n  name: X\n  kind: COUNTRY\n  iso3: jp\n', 'iso3 must be an ISO 3166-1 alpha-3 code'],
    ['invalid YAML', '- id: [x\n', 'invalid YAML'],
    ['a mapping instead of a list', 'id: x\n', 'must be a YAML list of records'],
  ])('refuses %s, naming file, record and reason', (_label, yaml, expected) => {
    const problems = problemsOf(seedDir(yaml));
    expect(problems.join('\n')).toContain(expected);
    expect(problems.every((p) => p.includes('entities.yaml'))).toBe(true);
  });

  it('reports every problem at once', () => {
    expect(problemsOf(seedDir('- id: x\n  name: ""\n  kind: PLANET\n  colour: red\n'))).toHaveLength(3);
  });

  it('refuses a document without a title or with a bad file name', () => {
    expect(problemsOf(seedDir(NATO, { 'empty-title.txt': '\nbody' }))).toEqual([expect.stringContaining('document "empty-title": the first line (the title) is empty')]);
    expect(problemsOf(seedDir(NATO, { 'Bad Name.txt': 'T\nx' }))).toEqual([expect.stringContaining('must be <slug>.txt')]);
  });
});
