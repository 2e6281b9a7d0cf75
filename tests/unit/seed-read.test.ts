/**
 * The seed reader refuses bad seeds, naming file, record and reason, before anything is written.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readSeed, SeedError } from '../../src/seed/read';
import { SEED_DIR } from '../../src/seed/load';

const tempDirs: string[] = [];
afterAll(() => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

function seedDir(entitiesYaml: string, documents: Record<string, string> = { 'a-doc.txt': 'A title\nNATO and Japan.' }, relationshipsYaml = '[]\n'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'actor-graph-seed-'));
  tempDirs.push(dir);
  fs.writeFileSync(path.join(dir, 'entities.yaml'), entitiesYaml);
  fs.writeFileSync(path.join(dir, 'relationships.yaml'), relationshipsYaml);
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

const ENTITIES = NATO + '- id: japan\n  name: Japan\n  kind: COUNTRY\n- id: china\n  name: China\n  kind: COUNTRY\n';
const TEXT = 'NATO meets Japan\nNATO meets Japan again. Alliance leaders said “China’s ambitions” matter. NATO meets Japan.';
const relationship = (fields: string, evidence = '    - document: a-doc\n      quote: NATO meets Japan again'): string =>
  `- source: nato\n  type: CONSULTS\n  target: japan\n  stance: COOPERATIVE\n  modality: ASSERTED\n${fields}  evidence:\n${evidence}\n`;

describe('readSeed: relationships', () => {
  const problemsFor = (yaml: string): string => problemsOf(seedDir(ENTITIES, { 'a-doc.txt': TEXT }, yaml)).join('\n');

  it('computes each quote\'s offsets so that text.slice(start, end) is the quote', () => {
    const seed = readSeed(seedDir(ENTITIES, { 'a-doc.txt': TEXT }, relationship('')));
    const [evidence] = seed.relationships[0]?.evidence ?? [];
    expect(evidence).toMatchObject({ documentSlug: 'a-doc', quote: 'NATO meets Japan again' });
    expect(TEXT.slice(evidence?.start, evidence?.end)).toBe('NATO meets Japan again');
    expect(seed.relationships[0]?.id).toBe('relationship:nato:CONSULTS:japan');
  });

  it('uses the occurrence hint to pick one of several identical passages', () => {
    const yaml = relationship('', '    - document: a-doc\n      quote: NATO meets Japan\n      occurrence: 3');
    const [evidence] = readSeed(seedDir(ENTITIES, { 'a-doc.txt': TEXT }, yaml)).relationships[0]?.evidence ?? [];
    expect(evidence?.start).toBe(TEXT.lastIndexOf('NATO meets Japan'));
  });

  it.each([
    ['a quote that is not in the text', relationship('', '    - document: a-doc\n      quote: NATO meets Korea'), 'evidence #1: quote "NATO meets Korea" is not in document "a-doc"'],
    ['a quote that differs only in quote marks', relationship('', '    - document: a-doc\n      quote: "said \\"China\'s ambitions\\""'), 'differs from the text only in quote marks, dashes or whitespace'],
    ['an ambiguous quote without a hint', relationship('', '    - document: a-doc\n      quote: NATO meets Japan'), 'is ambiguous: it occurs 3 times in document "a-doc" (at offsets 0, 17, 91); add occurrence: 1 to 3'],
    ['an occurrence out of range', relationship('', '    - document: a-doc\n      quote: NATO meets Japan\n      occurrence: 4'), 'occurrence must be an integer from 1 to 3'],
    ['an unknown document', relationship('', '    - document: b-doc\n      quote: NATO'), 'document names an unknown document "b-doc"'],
    ['an unknown entity', relationship('').replace('target: japan', 'target: korea'), 'target names an unknown entity "korea"'],
    ['an unknown type', relationship('').replace('CONSULTS', 'LIKES'), 'type must be one of MEMBER_OF'],
    ['an unknown stance', relationship('').replace('COOPERATIVE', 'FRIENDLY'), 'stance must be one of COOPERATIVE, NEUTRAL, ADVERSARIAL, got "FRIENDLY"'],
    ['an unknown modality', relationship('').replace('ASSERTED', 'RUMOURED'), 'modality must be one of ASSERTED, PLANNED, ATTRIBUTED, got "RUMOURED"'],
    ['a repeated id', relationship('') + relationship('', '    - document: a-doc\n      quote: NATO meets Japan.'), 'relationship #2 (nato CONSULTS japan): repeats id "relationship:nato:CONSULTS:japan" (first used by relationship #1)'],
    ['ATTRIBUTED without attributedTo', relationship('').replace('ASSERTED', 'ATTRIBUTED'), 'an ATTRIBUTED relationship needs attributedTo'],
    ['attributedTo on an asserted relationship', relationship('  attributedTo: nato\n'), 'attributedTo is only for ATTRIBUTED relationships'],
    ['no evidence', relationship('', '    []').replace('  evidence:\n    []', '  evidence: []'), 'evidence must be a non-empty list'],
    ['a self-relationship', relationship('').replace('target: japan', 'target: nato'), 'source and target are the same entity'],
  ])('refuses %s, naming the record and the reason', (_label, yaml, expected) => {
    const problems = problemsFor(yaml);
    expect(problems).toContain(expected);
    expect(problems).toMatch(/relationships\.yaml relationship #\d/);
  });

  it('accepts an ATTRIBUTED relationship with the entity whose claim it is', () => {
    const yaml = relationship('  attributedTo: nato\n', '    - document: a-doc\n      quote: “China’s ambitions” matter').replace('ASSERTED', 'ATTRIBUTED').replace('CONSULTS', 'CHALLENGES').replace('source: nato', 'source: china');
    const seed = readSeed(seedDir(ENTITIES, { 'a-doc.txt': TEXT }, yaml));
    expect(seed.relationships[0]).toMatchObject({ sourceSlug: 'china', targetSlug: 'japan', modality: 'ATTRIBUTED', attributedToSlug: 'nato' });
  });
});

describe('readSeed: the project seed', () => {
  const seed = readSeed(SEED_DIR);
  const article = seed.documents.find((d) => d.slug === 'nato-liaison-office-japan');

  it('has evidence that is exactly the text at its offsets, for every relationship', () => {
    expect(seed.relationships.length).toBeGreaterThanOrEqual(20);
    for (const r of seed.relationships) {
      expect(r.evidence.length).toBeGreaterThan(0);
      for (const e of r.evidence) expect([r.id, article?.text.slice(e.start, e.end)]).toEqual([r.id, e.quote]);
    }
  });

  it('states what the issue names: a PLANNED office and an ATTRIBUTED assessment by NATO', () => {
    expect(seed.relationships.find((r) => r.id === 'relationship:nato:ESTABLISHES:nato-liaison-office-japan')?.modality).toBe('PLANNED');
    expect(seed.relationships.find((r) => r.id === 'relationship:china:CHALLENGES:nato')).toMatchObject({ modality: 'ATTRIBUTED', attributedToSlug: 'nato', stance: 'ADVERSARIAL' });
  });

  it('finds mentions in the text: whole words, longest match, exact spans', () => {
    const of = (slug: string) => seed.mentions.find((m) => m.entitySlug === slug && m.documentSlug === 'nato-liaison-office-japan')?.spans ?? [];
    for (const m of seed.mentions) for (const s of m.spans) expect(article?.text.slice(s.start, s.end)).toBe(s.text);
    // Checked by hand against the article:
    expect(of('tokyo')).toEqual([{ start: 902, end: 907, text: 'Tokyo' }]);
    expect(of('south-china-sea').map((s) => s.text)).toEqual(['South China Sea', 'South China Seas']);
    expect(of('china').some((s) => s.start >= 1689 && s.start < 1704)).toBe(false); // inside "South China Sea"
    expect(of('nato')[0]).toEqual({ start: 0, end: 4, text: 'NATO' });
    expect(of('nato-liaison-office-japan').map((s) => s.text)).toContain('NATO liaison office');
    expect(of('asia-pacific')).toEqual([{ start: 837, end: 849, text: 'Asia-Pacific' }]);
    // Every "United States" in the text, found here with a plain regular expression; none of its
    // aliases stands in the article as a word of its own ("American" is another word).
    expect(of('united-states').map((s) => s.start)).toEqual([...(article?.text ?? '').matchAll(/\bUnited States\b/g)].map((m) => m.index));
    expect(article?.text).not.toMatch(/(?<![\p{L}\p{N}])(?:US|USA|U\.S\.|America|United States of America)(?![\p{L}\p{N}])/u);
  });
});
