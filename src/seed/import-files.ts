/**
 * The bulk importer's input (`neo4j-admin database import full`, run by the embedded launcher's
 * `--import`): CSV files with typed headers, written from the same rows the transactional loader
 * sends (src/seed/rows.ts), plus `import.args`, the importer's arguments one per line.
 *
 * The CSV dialect, chosen so that any text survives:
 * - every string is quoted, and a quote inside one is doubled (RFC 4180); a string field left
 *   empty and unquoted is a missing property (what a null leaves in Cypher);
 * - list elements are separated by U+001F (the ASCII unit separator), which the seed reader's
 *   text never needs; a value that holds it is refused (`ImportFilesError`) rather than split;
 * - a line break in any value turns on `--multiline-fields` (it makes the importer read its input
 *   serially; format v2, which names the files, misreads line breaks at its buffer's edge);
 * - numbers are `long` and `long[]` (offsets, counts, sequence numbers), booleans `boolean`: the
 *   types the transactional loader stores.
 *
 * The importer cannot write an empty list (an empty field is a missing property) nor a list of one
 * empty string (which is an empty field): such values come back as `fixups`, set by Cypher after
 * the import (src/queries/bulk.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { RELATIONSHIP_COUNT } from '../queries/constraints';
import { CHANGE_LOG } from '../queries/changes';
import { distinctDocuments, relationshipCountRows, type SeedRows } from './rows';

export const ARRAY_DELIMITER = '\u001f';
export const ARGS_FILE = 'import.args';

/** Seed values the importer's CSV cannot carry; nothing was imported. */
export class ImportFilesError extends Error {
  override name = 'ImportFilesError';
}

/** A list property the importer cannot write, to be set after the import. */
export interface ListFixup {
  /** Where: a node label and its `id`, or a relationship type and its `id`. */
  on: 'node' | 'relationship';
  label: string;
  property: string;
  id: string;
  value: string[] | number[];
}

export interface ImportFiles {
  dir: string;
  fixups: ListFixup[];
  /** Bytes of CSV written. */
  bytes: number;
}

type Kind = 'string' | 'string[]' | 'long[]' | 'long' | 'boolean' | 'raw';

interface Column<T> {
  /** The header cell, e.g. `aliases:string[]` or `:START_ID(Entity)`. */
  header: string;
  kind: Kind;
  get: (row: T) => unknown;
}

/** The property a header cell names (`aliases:string[]` → `aliases`; `:TYPE` → none). */
const propertyOf = (header: string): string => header.split(':')[0] as string;

const quote = (s: string): string => (s.includes('"') ? `"${s.replaceAll('"', '""')}"` : `"${s}"`);

class CsvFile<T> {
  private readonly fd: number;
  private chunks: string[] = [];
  private pending = 0;
  bytes = 0;
  rows = 0;
  multiline = false;

  constructor(
    readonly file: string,
    private readonly columns: Column<T>[],
    private readonly fixup: ((row: T, property: string, value: string[] | number[]) => void) | undefined,
  ) {
    this.fd = fs.openSync(file, 'w');
    this.push(columns.map((c) => c.header).join(','));
  }

  write(row: T): void {
    this.push(this.columns.map((c) => this.field(row, c)).join(','));
    this.rows += 1;
  }

  close(): void {
    this.flush();
    fs.closeSync(this.fd);
  }

  private push(line: string): void {
    this.chunks.push(line, '\n');
    this.pending += line.length + 1;
    if (this.pending > 1 << 20) this.flush();
  }

  private flush(): void {
    const text = this.chunks.join('');
    this.bytes += fs.writeSync(this.fd, text, null, 'utf8');
    this.chunks = [];
    this.pending = 0;
  }

  private text(s: string): string {
    if (!this.multiline && (s.includes('\n') || s.includes('\r'))) this.multiline = true;
    return quote(s);
  }

  private field(row: T, column: Column<T>): string {
    const value = column.get(row);
    if (value === null || value === undefined) return '';
    switch (column.kind) {
      case 'raw':
        return value as string;
      case 'string':
        return this.text(value as string);
      case 'boolean':
        return value === true ? 'true' : 'false';
      case 'long': {
        const n = value as number;
        if (!Number.isSafeInteger(n)) throw new ImportFilesError(`${this.name()}: ${column.header} is not a number the importer can carry: ${n}`);
        return String(n);
      }
      case 'string[]':
      case 'long[]': {
        const list = value as (string | number)[];
        // An empty field is no property at all, and one empty element an empty field.
        if (list.length === 0 || (list.length === 1 && list[0] === '')) {
          if (this.fixup === undefined) throw new ImportFilesError(`${this.name()}: ${column.header} is an empty list, which the importer cannot write`);
          this.fixup(row, propertyOf(column.header), list as string[] | number[]);
          return '';
        }
        if (column.kind === 'long[]') {
          return list
            .map((n) => {
              if (typeof n !== 'number' || !Number.isSafeInteger(n)) throw new ImportFilesError(`${this.name()}: ${column.header} holds ${String(n)}, not a whole number`);
              return String(n);
            })
            .join(ARRAY_DELIMITER);
        }
        for (const s of list as string[]) {
          if (s.includes(ARRAY_DELIMITER)) {
            throw new ImportFilesError(`${this.name()}: a value of ${propertyOf(column.header)} holds the character U+001F, which the bulk importer's files use between list elements`);
          }
        }
        return this.text(list.join(ARRAY_DELIMITER));
      }
    }
  }

  private name(): string {
    return path.basename(this.file);
  }
}

/**
 * Writes the importer's files for a first load into `dir` (which must exist and be empty): the
 * seed's rows, its relationship counts, the change-log counter at 1 and the SEEDED change
 * (`at`: when the files were written). `threads` and `maxOffHeap` go to the importer.
 */
export function writeImportFiles(dir: string, rows: SeedRows, options: { threads: number; maxOffHeap: string; at?: number }): ImportFiles {
  const fixups: ListFixup[] = [];
  const nodeFixup =
    (label: string) =>
    (row: { id: string }, property: string, value: string[] | number[]): void => {
      fixups.push({ on: 'node', label, property, id: row.id, value });
    };
  const files: { option: '--nodes' | '--relationships'; label: string; csv: CsvFile<never> }[] = [];
  const open = <T>(option: '--nodes' | '--relationships', label: string, name: string, columns: Column<T>[], fixup?: (row: T, property: string, value: string[] | number[]) => void): CsvFile<T> => {
    const csv = new CsvFile<T>(path.join(dir, name), columns, fixup);
    files.push({ option, label, csv: csv });
    return csv;
  };

  const entities = open<SeedRows['entities'][number]>(
    '--nodes',
    'Entity',
    'entities.csv',
    [
      { header: 'id:ID(Entity)', kind: 'string', get: (e) => e.id },
      { header: 'name', kind: 'string', get: (e) => e.name },
      { header: 'kind', kind: 'string', get: (e) => e.kind },
      { header: 'aliases:string[]', kind: 'string[]', get: (e) => e.aliases },
      { header: 'aliasText', kind: 'string', get: (e) => e.aliasText },
      { header: 'description', kind: 'string', get: (e) => e.description },
      { header: 'wikidata', kind: 'string', get: (e) => e.wikidata },
      { header: 'iso3', kind: 'string', get: (e) => e.iso3 },
      { header: 'seeded:boolean', kind: 'boolean', get: () => true },
    ],
    nodeFixup('Entity'),
  );
  const names = open<{ key: string; first: string | null }>('--nodes', 'Name', 'names.csv', [
    { header: 'key:ID(Name)', kind: 'string', get: (n) => n.key },
    { header: 'first', kind: 'string', get: (n) => n.first },
  ]);
  const naming = open<{ key: string; entity: string }>('--relationships', 'NAMES', 'names-relationships.csv', [
    { header: ':START_ID(Name)', kind: 'string', get: (n) => n.key },
    { header: ':END_ID(Entity)', kind: 'string', get: (n) => n.entity },
  ]);
  for (const e of rows.entities) {
    entities.write(e);
    for (const n of e.names) {
      names.write(n);
      naming.write({ key: n.key, entity: e.id });
    }
  }

  const documents = open<SeedRows['documents'][number]>(
    '--nodes',
    'Document',
    'documents.csv',
    [
      { header: 'id:ID(Document)', kind: 'string', get: (d) => d.id },
      { header: 'title', kind: 'string', get: (d) => d.title },
      { header: 'text', kind: 'string', get: (d) => d.text },
      { header: 'contentHash', kind: 'string', get: (d) => d.contentHash },
      { header: 'url', kind: 'string', get: (d) => d.url },
      { header: 'publishedAt', kind: 'string', get: (d) => d.publishedAt },
      { header: 'relationshipIds:string[]', kind: 'string[]', get: (d) => d.relationshipIds },
      { header: 'seeded:boolean', kind: 'boolean', get: () => true },
    ],
    nodeFixup('Document'),
  );
  for (const d of rows.documents) documents.write(d);

  const relationships = open<SeedRows['relationships'][number]>(
    '--relationships',
    '',
    'relationships.csv',
    [
      { header: ':START_ID(Entity)', kind: 'string', get: (r) => r.source },
      { header: ':END_ID(Entity)', kind: 'string', get: (r) => r.target },
      // The vocabulary's type names: never quoted, never odd.
      { header: ':TYPE', kind: 'raw', get: (r) => r.type },
      { header: 'id', kind: 'string', get: (r) => r.id },
      { header: 'key', kind: 'string', get: (r) => r.key },
      { header: 'stance', kind: 'string', get: (r) => r.stance },
      { header: 'modality', kind: 'string', get: (r) => r.modality },
      { header: 'attributedTo', kind: 'string', get: (r) => r.attributedTo },
      { header: 'evidenceQuotes:string[]', kind: 'string[]', get: (r) => r.quotes },
      { header: 'evidenceStarts:long[]', kind: 'long[]', get: (r) => r.starts },
      { header: 'evidenceEnds:long[]', kind: 'long[]', get: (r) => r.ends },
      { header: 'evidenceDocuments:string[]', kind: 'string[]', get: (r) => r.documents },
      { header: 'evidenceOrigins:string[]', kind: 'string[]', get: (r) => r.origins },
      { header: 'documents:string[]', kind: 'string[]', get: distinctDocuments },
      { header: 'seeded:boolean', kind: 'boolean', get: () => true },
    ],
    (r, property, value) => fixups.push({ on: 'relationship', label: r.type, property, id: r.id, value }),
  );
  for (const r of rows.relationships) relationships.write(r);

  const mentions = open<SeedRows['mentions'][number]>('--relationships', 'MENTIONS', 'mentions.csv', [
    { header: ':START_ID(Document)', kind: 'string', get: (m) => m.document },
    { header: ':END_ID(Entity)', kind: 'string', get: (m) => m.entity },
    { header: 'starts:long[]', kind: 'long[]', get: (m) => m.starts },
    { header: 'ends:long[]', kind: 'long[]', get: (m) => m.ends },
    { header: 'texts:string[]', kind: 'string[]', get: (m) => m.texts },
  ]);
  for (const m of rows.mentions) mentions.write(m);

  const counts = open<{ type: string; stance: string; modality: string; count: number }>('--nodes', RELATIONSHIP_COUNT, 'relationship-counts.csv', [
    { header: 'type', kind: 'string', get: (c) => c.type },
    { header: 'stance', kind: 'string', get: (c) => c.stance },
    { header: 'modality', kind: 'string', get: (c) => c.modality },
    { header: 'count:long', kind: 'long', get: (c) => c.count },
  ]);
  for (const c of relationshipCountRows(rows.relationships)) counts.write(c);

  // The change log as the transactional loader leaves it: the counter at 1, one SEEDED change.
  const log = open<{ seq: number }>('--nodes', CHANGE_LOG, 'change-log.csv', [
    { header: 'name', kind: 'string', get: () => 'changes' },
    { header: 'seq:long', kind: 'long', get: (l) => l.seq },
  ]);
  log.write({ seq: 1 });
  const changes = open<{ seq: number; at: number }>('--nodes', 'Change', 'changes.csv', [
    { header: 'seq:long', kind: 'long', get: (c) => c.seq },
    { header: 'at:long', kind: 'long', get: (c) => c.at },
    { header: 'by', kind: 'string', get: () => 'seed' },
    { header: 'kind', kind: 'string', get: () => 'SEEDED' },
  ]);
  changes.write({ seq: 1, at: options.at ?? Date.now() });

  for (const f of files) f.csv.close();
  const used = files.filter((f) => f.csv.rows > 0);
  const multiline = used.filter((f) => f.csv.multiline).map((f) => f.csv.file);
  const args = [
    ...used.map((f) => `${f.option}=${f.label === '' ? '' : `${f.label}=`}${f.csv.file}`),
    `--array-delimiter=U+001F`,
    // Any bad entry (a duplicate id, a relationship to a missing node) fails the whole import.
    '--bad-tolerance=0',
    '--strict=true',
    `--threads=${options.threads}`,
    `--max-off-heap-memory=${options.maxOffHeap}`,
    // Format v2 names the files with line breaks, but 5.26.30 misreads a quoted line break that
    // straddles its 4 MiB read buffer ("CR outside a text cell"): v1, for every file, when any has one.
    ...(multiline.length > 0 ? ['--multiline-fields=true'] : []),
  ];
  fs.writeFileSync(path.join(dir, ARGS_FILE), `${args.join('\n')}\n`);
  return { dir, fixups, bytes: files.reduce((n, f) => n + f.csv.bytes, 0) };
}
