/**
 * Reads and validates the human-edited seed folder into plain data, before anything touches the
 * database. Every problem is collected (file, record, reason) so a curator sees them all at once;
 * a seed with any problem is refused whole.
 */
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { globalId, nameKey, SLUG } from '../model/ids';
import { ENTITY_KINDS, MODALITIES, RELATION_TYPES, STANCES, type EntityKind, type Modality, type RelationType, type Stance } from '../model/vocabulary';
import { findMentions, locateQuote, type Span } from '../model/text';
import { iso3Problem, wikidataProblem } from '../model/entity';

export interface SeedEntity {
  slug: string;
  name: string;
  kind: EntityKind;
  aliases: string[];
  description: string | null;
  wikidata: string | null;
  iso3: string | null;
}

export interface SeedDocument {
  slug: string;
  title: string;
  text: string;
}

export interface SeedEvidence extends Span {
  documentSlug: string;
  quote: string;
}

export interface SeedRelationship {
  /** Content-derived global id: `relationship:<source>:<TYPE>:<target>`. */
  id: string;
  type: RelationType;
  sourceSlug: string;
  targetSlug: string;
  stance: Stance;
  modality: Modality;
  attributedToSlug: string | null;
  evidence: SeedEvidence[];
}

/** The spans of one document that name one entity, found in the text by the loader. */
export interface SeedMentions {
  documentSlug: string;
  entitySlug: string;
  spans: (Span & { text: string })[];
}

export interface SeedData {
  entities: SeedEntity[];
  documents: SeedDocument[];
  relationships: SeedRelationship[];
  mentions: SeedMentions[];
}

export interface SeedProblem {
  file: string;
  record: string;
  reason: string;
}

export class SeedError extends Error {
  constructor(readonly problems: SeedProblem[]) {
    super(
      `The seed was refused (${problems.length} problem${problems.length === 1 ? '' : 's'}); nothing was written:\n` +
        problems.map((p) => `  ${p.file} ${p.record}: ${p.reason}`).join('\n'),
    );
    this.name = 'SeedError';
  }
}

/** Collects problems against one file; `record` names the entry (e.g. `entity "nato"` or `#3`). */
class Problems {
  readonly list: SeedProblem[] = [];
  constructor(private readonly root: string) {}
  add(file: string, record: string, reason: string): void {
    this.list.push({ file: path.relative(this.root, file) || file, record, reason });
  }
}

const ENTITY_FIELDS = new Set(['id', 'name', 'kind', 'aliases', 'description', 'wikidata', 'iso3']);

export function readSeed(dir: string): SeedData {
  const root = path.dirname(path.resolve(dir));
  const problems = new Problems(root);
  const entities = readEntities(path.join(dir, 'entities.yaml'), problems);
  const documents = readDocuments(path.join(dir, 'documents'), problems);
  const relationships = readRelationships(path.join(dir, 'relationships.yaml'), problems, entities, documents);
  if (problems.list.length > 0) throw new SeedError(problems.list);
  return { entities, documents, relationships, mentions: mentionsOf(entities, documents) };
}

export function relationshipId(sourceSlug: string, type: string, targetSlug: string): string {
  return globalId('Relationship', `${sourceSlug}:${type}:${targetSlug}`);
}

const RELATIONSHIP_FIELDS = new Set(['source', 'type', 'target', 'stance', 'modality', 'attributedTo', 'evidence']);
const EVIDENCE_FIELDS = new Set(['document', 'quote', 'occurrence']);

function readRelationships(file: string, problems: Problems, entities: SeedEntity[], documents: SeedDocument[]): SeedRelationship[] {
  const entitySlugs = new Set(entities.map((e) => e.slug));
  const documentsBySlug = new Map(documents.map((d) => [d.slug, d]));
  const firstRecordById = new Map<string, number>();
  const relationships: SeedRelationship[] = [];

  readYamlList(file, problems).forEach((raw, index) => {
    const at = `#${index + 1}`;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      problems.add(file, at, 'must be a mapping with source, type, target, stance, modality and evidence');
      return;
    }
    const r = raw as Record<string, unknown>;
    const record = `relationship ${at} (${String(r.source)} ${String(r.type)} ${String(r.target)})`;
    const fail = (reason: string): void => problems.add(file, record, reason);
    let ok = true;
    const check = (condition: boolean, reason: string): void => {
      if (!condition) {
        ok = false;
        fail(reason);
      }
    };

    for (const key of Object.keys(r)) check(RELATIONSHIP_FIELDS.has(key), `unknown field "${key}" (allowed: ${[...RELATIONSHIP_FIELDS].join(', ')})`);
    for (const end of ['source', 'target'] as const) {
      check(typeof r[end] === 'string' && entitySlugs.has(r[end]), `${end} names an unknown entity ${JSON.stringify(r[end])} (entities are the ids in entities.yaml)`);
    }
    check(r.source !== r.target, 'source and target are the same entity');
    check((RELATION_TYPES as readonly unknown[]).includes(r.type), `type must be one of ${RELATION_TYPES.join(', ')}, got ${JSON.stringify(r.type)}`);
    check((STANCES as readonly unknown[]).includes(r.stance), `stance must be one of ${STANCES.join(', ')}, got ${JSON.stringify(r.stance)}`);
    check((MODALITIES as readonly unknown[]).includes(r.modality), `modality must be one of ${MODALITIES.join(', ')}, got ${JSON.stringify(r.modality)}`);
    if (r.modality === 'ATTRIBUTED') {
      check(typeof r.attributedTo === 'string' && entitySlugs.has(r.attributedTo), `an ATTRIBUTED relationship needs attributedTo: the id of the entity whose claim it is, got ${JSON.stringify(r.attributedTo)}`);
    } else {
      check(r.attributedTo === undefined, 'attributedTo is only for ATTRIBUTED relationships');
    }

    const evidence: SeedEvidence[] = [];
    if (!Array.isArray(r.evidence) || r.evidence.length === 0) {
      check(false, 'evidence must be a non-empty list of {document, quote} passages copied from the text');
    } else {
      r.evidence.forEach((rawEvidence: unknown, i: number) => {
        const where = `evidence #${i + 1}`;
        if (typeof rawEvidence !== 'object' || rawEvidence === null || Array.isArray(rawEvidence)) {
          check(false, `${where} must be a mapping with document and quote`);
          return;
        }
        const e = rawEvidence as Record<string, unknown>;
        for (const key of Object.keys(e)) check(EVIDENCE_FIELDS.has(key), `${where}: unknown field "${key}" (allowed: ${[...EVIDENCE_FIELDS].join(', ')})`);
        const document = typeof e.document === 'string' ? documentsBySlug.get(e.document) : undefined;
        if (document === undefined) {
          check(false, `${where}: document names an unknown document ${JSON.stringify(e.document)} (documents are the files in documents/)`);
          return;
        }
        if (typeof e.quote !== 'string' || e.quote.trim() === '') {
          check(false, `${where}: quote must be a non-empty string copied from the text`);
          return;
        }
        const span = locateQuote(document.text, e.quote, e.occurrence, `"${document.slug}"`);
        if (typeof span === 'string') check(false, `${where}: ${span}`);
        else evidence.push({ documentSlug: document.slug, quote: e.quote, ...span });
      });
    }
    if (!ok) return;

    const id = relationshipId(r.source as string, r.type as string, r.target as string);
    const first = firstRecordById.get(id);
    if (first !== undefined) {
      fail(`repeats id "${id}" (first used by relationship #${first + 1}): give one record per source, type and target, with several evidence passages`);
      return;
    }
    firstRecordById.set(id, index);
    relationships.push({
      id,
      type: r.type as RelationType,
      sourceSlug: r.source as string,
      targetSlug: r.target as string,
      stance: r.stance as Stance,
      modality: r.modality as Modality,
      attributedToSlug: r.modality === 'ATTRIBUTED' ? (r.attributedTo as string) : null,
      evidence,
    });
  });
  return relationships;
}

/** Every span of every document that names an entity by its name or an alias. */
function mentionsOf(entities: SeedEntity[], documents: SeedDocument[]): SeedMentions[] {
  const labels = entities.flatMap((e) => [e.name, ...e.aliases].map((label) => ({ label, owner: e.slug })));
  const result: SeedMentions[] = [];
  for (const document of documents) {
    const byEntity = new Map<string, SeedMentions>();
    for (const m of findMentions(document.text, labels)) {
      let entry = byEntity.get(m.owner);
      if (entry === undefined) {
        entry = { documentSlug: document.slug, entitySlug: m.owner, spans: [] };
        byEntity.set(m.owner, entry);
        result.push(entry);
      }
      entry.spans.push({ start: m.start, end: m.end, text: m.text });
    }
  }
  return result;
}

function readYamlList(file: string, problems: Problems): unknown[] {
  let source: string;
  try {
    source = fs.readFileSync(file, 'utf8');
  } catch (e: unknown) {
    problems.add(file, '(file)', `cannot be read: ${e instanceof Error ? e.message : String(e)}`);
    return [];
  }
  const doc = YAML.parseDocument(source, { uniqueKeys: true, prettyErrors: true });
  if (doc.errors.length > 0) {
    for (const err of doc.errors) problems.add(file, `(line ${err.linePos?.[0]?.line ?? '?'})`, `invalid YAML: ${err.message.split('\n')[0]}`);
    return [];
  }
  const value: unknown = doc.toJS();
  if (value === null || value === undefined) return [];
  if (!Array.isArray(value)) {
    problems.add(file, '(file)', 'must be a YAML list of records');
    return [];
  }
  return value;
}

function readEntities(file: string, problems: Problems): SeedEntity[] {
  const entities: SeedEntity[] = [];
  const bySlug = new Map<string, number>();
  const byKey = new Map<string, string>();

  readYamlList(file, problems).forEach((raw, index) => {
    const at = `#${index + 1}`;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      problems.add(file, at, 'must be a mapping with id, name and kind');
      return;
    }
    const r = raw as Record<string, unknown>;
    const record = typeof r.id === 'string' ? `entity "${r.id}" (${at})` : at;
    const fail = (reason: string): void => problems.add(file, record, reason);

    for (const key of Object.keys(r)) {
      if (!ENTITY_FIELDS.has(key)) fail(`unknown field "${key}" (allowed: ${[...ENTITY_FIELDS].join(', ')})`);
    }
    const slug = r.id;
    if (typeof slug !== 'string' || !SLUG.test(slug)) {
      fail(`id must be a slug of lower-case letters, digits and single dashes, got ${JSON.stringify(slug)}`);
    } else if (bySlug.has(slug)) {
      fail(`repeats id "${slug}" (first used by record #${(bySlug.get(slug) ?? 0) + 1})`);
    }
    const name = typeof r.name === 'string' ? r.name.trim() : '';
    if (name === '') fail('name must be a non-empty string');
    if (typeof r.kind !== 'string' || !(ENTITY_KINDS as readonly string[]).includes(r.kind)) {
      fail(`kind must be one of ${ENTITY_KINDS.join(', ')}, got ${JSON.stringify(r.kind)}`);
    }
    const aliases = r.aliases ?? [];
    if (!Array.isArray(aliases) || aliases.some((a) => typeof a !== 'string' || a.trim() === '')) {
      fail('aliases must be a list of non-empty strings');
    }
    const description = optionalString(r.description, 'description', fail);
    const wikidata = optionalString(r.wikidata, 'wikidata', fail);
    const iso3 = optionalString(r.iso3, 'iso3', fail);
    for (const problem of [wikidataProblem(wikidata), iso3Problem(iso3)]) if (problem !== null) fail(problem);

    if (typeof slug !== 'string' || bySlug.has(slug)) return;
    bySlug.set(slug, index);
    const aliasList = Array.isArray(aliases) ? aliases.filter((a): a is string => typeof a === 'string').map((a) => a.trim()) : [];
    // A name or alias may belong to one entity only, or `entity(name:)` would be ambiguous.
    for (const label of [name, ...aliasList]) {
      if (label === '') continue;
      const key = nameKey(label);
      const owner = byKey.get(key);
      if (owner !== undefined && owner !== slug) fail(`name or alias "${label}" is already used by entity "${owner}"`);
      else byKey.set(key, slug);
    }
    entities.push({
      slug,
      name,
      kind: r.kind as EntityKind,
      aliases: [...new Set(aliasList)],
      description,
      wikidata,
      iso3,
    });
  });
  return entities;
}

function optionalString(value: unknown, field: string, fail: (reason: string) => void): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || value.trim() === '') {
    fail(`${field} must be a non-empty string when given`);
    return null;
  }
  return value.trim();
}

/** Every `<slug>.txt` in documents/ is a document; its first line is its title; its text is kept byte for byte. */
function readDocuments(dir: string, problems: Problems): SeedDocument[] {
  let files: string[];
  try {
    files = fs.readdirSync(dir).filter((f) => f.endsWith('.txt')).sort();
  } catch (e: unknown) {
    problems.add(dir, '(folder)', `cannot be read: ${e instanceof Error ? e.message : String(e)}`);
    return [];
  }
  const documents: SeedDocument[] = [];
  for (const file of files) {
    const full = path.join(dir, file);
    const slug = file.slice(0, -'.txt'.length);
    if (!SLUG.test(slug)) {
      problems.add(full, '(file name)', `must be <slug>.txt with a slug of lower-case letters, digits and dashes, got "${file}"`);
      continue;
    }
    const text = fs.readFileSync(full, 'utf8');
    const title = (text.split('\n', 1)[0] ?? '').replace(/\r$/, '').trim();
    if (title === '') {
      problems.add(full, `document "${slug}"`, 'the first line (the title) is empty');
      continue;
    }
    documents.push({ slug, title, text });
  }
  return documents;
}
