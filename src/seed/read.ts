/**
 * Reads and validates the human-edited seed folder into plain data, before anything touches the
 * database. Every problem is collected (file, record, reason) so a curator sees them all at once;
 * a seed with any problem is refused whole.
 */
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import type { EntityKind } from '../model';
import { nameKey, SLUG } from '../model/ids';

export const ENTITY_KINDS: readonly EntityKind[] = ['COUNTRY', 'ORGANIZATION', 'OFFICE', 'CITY', 'REGION', 'SEA'];

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

export interface SeedData {
  entities: SeedEntity[];
  documents: SeedDocument[];
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
  if (problems.list.length > 0) throw new SeedError(problems.list);
  return { entities, documents };
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
    if (wikidata !== null && !/^Q[1-9][0-9]*$/.test(wikidata)) fail(`wikidata must be a QID such as Q7184, got ${JSON.stringify(wikidata)}`);
    const iso3 = optionalString(r.iso3, 'iso3', fail);
    if (iso3 !== null && !/^[A-Z]{3}$/.test(iso3)) fail(`iso3 must be an ISO 3166-1 alpha-3 code such as JPN, got ${JSON.stringify(iso3)}`);

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
