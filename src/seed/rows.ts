/**
 * The rows a seed load writes, built once from validated seed data: what the transactional
 * loader (src/queries/seed.ts) sends as statement parameters and what the bulk importer's files
 * (src/seed/import-files.ts) hold, so both paths write the same graph.
 */
import { contentHash, globalId, relationshipKey } from '../model/ids';
import { nameRows } from '../model/entity';
import type { RelationType } from '../model/vocabulary';
import type { DocumentRow, EntityRow, MentionRow, RelationshipRow } from '../queries/writes';
import type { SeedData } from './read';

export interface SeedCounts {
  entities: number;
  names: number;
  documents: number;
  relationships: number;
  mentions: number;
}

export type SeedRelationshipRow = RelationshipRow & { type: RelationType };

export interface RelationshipCountRow {
  type: string;
  stance: string;
  modality: string;
  count: number;
}

export interface SeedRows {
  entities: EntityRow[];
  documents: (DocumentRow & { relationshipIds: string[] })[];
  relationships: SeedRelationshipRow[];
  mentions: MentionRow[];
  counts: SeedCounts;
  /** Entities, documents, relationships and mentions rows: what progress counts. */
  rowsToWrite: number;
}

/**
 * Builds the rows. `redirects` maps the ids of entities merged into others (by curators, since an
 * earlier load) to the kept ones: the seed's entities with those ids are left out, and relationships
 * and mentions go to the kept entities. A first load has none.
 */
export function seedRows(seed: SeedData, redirects: ReadonlyMap<string, string> = new Map()): SeedRows {
  const resolve = (slug: string): string => {
    const id = globalId('Entity', slug);
    return redirects.get(id) ?? id;
  };

  const entities = seed.entities
    .map((e) => ({
      id: globalId('Entity', e.slug),
      name: e.name,
      kind: e.kind,
      aliases: e.aliases,
      aliasText: e.aliases.join('\n'),
      description: e.description,
      wikidata: e.wikidata,
      iso3: e.iso3,
      names: nameRows(e.name, e.aliases),
    }))
    .filter((e) => !redirects.has(e.id));
  // Which relationships each document states, so Document.relationships is an index lookup.
  const statedIn = new Map<string, string[]>();
  for (const r of seed.relationships) {
    for (const slug of new Set(r.evidence.map((e) => e.documentSlug))) {
      const ids = statedIn.get(slug) ?? [];
      ids.push(r.id);
      statedIn.set(slug, ids);
    }
  }
  const documents = seed.documents.map((d) => ({
    id: globalId('Document', d.slug),
    title: d.title,
    text: d.text,
    contentHash: contentHash(d.title, d.text),
    url: null,
    publishedAt: null,
    relationshipIds: statedIn.get(d.slug) ?? [],
  }));
  const relationships = seed.relationships
    .map((r): SeedRelationshipRow => {
      const source = resolve(r.sourceSlug);
      const target = resolve(r.targetSlug);
      const attributedTo = r.attributedToSlug === null ? null : resolve(r.attributedToSlug);
      return {
        type: r.type,
        key: relationshipKey({ sourceId: source, type: r.type, targetId: target, stance: r.stance, modality: r.modality, attributedToId: attributedTo }),
        id: r.id,
        source,
        target,
        stance: r.stance,
        modality: r.modality,
        attributedTo,
        quotes: r.evidence.map((e) => e.quote),
        starts: r.evidence.map((e) => e.start),
        ends: r.evidence.map((e) => e.end),
        documents: r.evidence.map((e) => globalId('Document', e.documentSlug)),
        origins: r.evidence.map(() => 'seed'),
      };
    })
    // A relationship between two entities that were merged into one would join it to itself.
    .filter((r) => r.source !== r.target);
  const mentions = seed.mentions.map((m) => ({
    document: globalId('Document', m.documentSlug),
    entity: resolve(m.entitySlug),
    starts: m.spans.map((s) => s.start),
    ends: m.spans.map((s) => s.end),
    texts: m.spans.map((s) => s.text),
  }));
  const counts: SeedCounts = {
    entities: entities.length,
    names: entities.reduce((n, e) => n + e.names.length, 0),
    documents: documents.length,
    relationships: relationships.length,
    mentions: mentions.reduce((n, m) => n + m.starts.length, 0),
  };
  return { entities, documents, relationships, mentions, counts, rowsToWrite: entities.length + documents.length + relationships.length + mentions.length };
}

/** A relationship's distinct evidence documents, in order of first appearance (what `r.documents` holds). */
export const distinctDocuments = (r: RelationshipRow): string[] => [...new Set(r.documents)];

/** How many relationships have each type, stance and modality: the counts of a first load, from its rows (the graph holds no others). */
export function relationshipCountRows(relationships: readonly { type: string; stance: string; modality: string }[]): RelationshipCountRow[] {
  const counts = new Map<string, RelationshipCountRow>();
  for (const r of relationships) {
    const key = `${r.type}\u0000${r.stance}\u0000${r.modality}`;
    const c = counts.get(key) ?? { type: r.type, stance: r.stance, modality: r.modality, count: 0 };
    c.count += 1;
    counts.set(key, c);
  }
  return [...counts.values()];
}
