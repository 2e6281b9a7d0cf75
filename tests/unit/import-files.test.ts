/**
 * The bulk importer's input files (src/seed/import-files.ts), read back with a small RFC 4180
 * reader written here: every string survives quoting, lists split on U+001F give back their
 * elements, what the importer cannot write comes back as a fix-up, and a value that holds the
 * list delimiter is refused. (That Neo4j's importer reads them the same way is
 * tests/integration/bulk-import.test.ts's job.)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ImportFilesError, writeImportFiles } from '../../src/seed/import-files';
import type { SeedData } from '../../src/seed/read';
import { seedRows } from '../../src/seed/rows';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});
const newDir = (): string => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'actor-graph-import-files-'));
  dirs.push(dir);
  return dir;
};

/** Fields of each record; a quoted field may hold delimiters, doubled quotes and line breaks. `null`: an empty unquoted field. */
function readCsv(text: string): (string | null)[][] {
  const records: (string | null)[][] = [];
  let record: (string | null)[] = [];
  let i = 0;
  while (i < text.length) {
    let value: string | null;
    if (text[i] === '"') {
      let j = i + 1;
      value = '';
      for (;;) {
        const q = text.indexOf('"', j);
        if (q < 0) throw new Error('unterminated quote');
        value += text.slice(j, q);
        if (text[q + 1] === '"') {
          value += '"';
          j = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
    } else {
      let j = i;
      while (j < text.length && text[j] !== ',' && text[j] !== '\n') j += 1;
      value = j === i ? null : text.slice(i, j);
      i = j;
    }
    record.push(value);
    if (text[i] === ',') {
      i += 1;
    } else {
      records.push(record);
      record = [];
      i += 1;
    }
  }
  return records;
}

const seed = (aliases: string[], description: string | null): SeedData => ({
  entities: [
    { slug: 'a', name: 'A "quoted", name;\nwith a break', kind: 'COUNTRY', aliases, description, wikidata: null, iso3: null },
    { slug: 'b', name: 'B', kind: 'COUNTRY', aliases: [], description: null, wikidata: null, iso3: null },
  ],
  documents: [{ slug: 'd', title: 'T', text: 'A text, with "quotes";\r\nand lines.' }],
  relationships: [],
  mentions: [],
});

const write = (data: SeedData): { dir: string; fixups: ReturnType<typeof writeImportFiles>['fixups']; args: string[] } => {
  const dir = newDir();
  const { fixups } = writeImportFiles(dir, seedRows(data), { threads: 2, maxOffHeap: '256m', at: 1_700_000_000_000 });
  return { dir, fixups, args: fs.readFileSync(path.join(dir, 'import.args'), 'utf8').trim().split('\n') };
};

describe("the bulk importer's files", () => {
  it('carry quotes, delimiters and line breaks whole, and lists split on U+001F', () => {
    const aliases = ['x; y', 'say "hi", then', 'two\nlines'];
    const { dir, args } = write(seed(aliases, 'd, "e"; f'));
    const [header, a, b] = readCsv(fs.readFileSync(path.join(dir, 'entities.csv'), 'utf8'));
    const field = (record: (string | null)[] | undefined, name: string): string | null | undefined => record?.[header?.findIndex((h) => h === name || h?.startsWith(`${name}:`)) ?? -1];
    expect(field(a, 'name')).toBe('A "quoted", name;\nwith a break');
    expect(field(a, 'aliases')?.split('\u001f')).toEqual(aliases);
    expect(field(a, 'aliasText')).toBe(aliases.join('\n'));
    expect(field(a, 'description')).toBe('d, "e"; f');
    // Null is an empty unquoted field (no property); an empty list too, and comes back as a fix-up.
    expect(field(b, 'description')).toBeNull();
    expect(field(b, 'aliases')).toBeNull();
    const [, d] = readCsv(fs.readFileSync(path.join(dir, 'documents.csv'), 'utf8'));
    expect(d?.[2]).toBe('A text, with "quotes";\r\nand lines.');
    expect(args).toContain('--array-delimiter=U+001F');
    expect(args).toContain('--multiline-fields=true');
    expect(args).toContain('--bad-tolerance=0');
  });

  it('hand back the lists the importer cannot write (empty, or one empty string) as fix-ups', () => {
    const { fixups } = write(seed([''], null));
    expect(fixups).toEqual(
      expect.arrayContaining([
        { on: 'node', label: 'Entity', property: 'aliases', id: 'entity:a', value: [''] },
        { on: 'node', label: 'Entity', property: 'aliases', id: 'entity:b', value: [] },
        { on: 'node', label: 'Document', property: 'relationshipIds', id: 'document:d', value: [] },
      ]),
    );
    expect(fixups).toHaveLength(3);
  });

  it('refuse a list value that holds U+001F, naming the property', () => {
    expect(() => write(seed(['bad\u001fvalue'], null))).toThrow(ImportFilesError);
    expect(() => write(seed(['bad\u001fvalue'], null))).toThrow(/aliases holds the character U\+001F/);
  });

  it('need no multiline reading when no value has a line break', () => {
    const data = seed(['one'], null);
    data.entities[0] = { ...(data.entities[0] as SeedData['entities'][number]), name: 'A' };
    data.documents[0] = { slug: 'd', title: 'T', text: 'One line.' };
    expect(write(data).args.some((a) => a.startsWith('--multiline-fields'))).toBe(false);
  });
});
