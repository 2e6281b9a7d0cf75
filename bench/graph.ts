/**
 * Synthetic actor graphs for the benchmark: `size` entities with names and aliases, about
 * `perEntity` relationships each whose targets follow a skewed (power-law-like) distribution, so
 * a few hubs have thousands of relationships; every relationship carries an evidence quote that
 * is exactly the text of a generated document at its offsets. Deterministic for a given seed.
 */
import type { SeedData, SeedEvidence, SeedRelationship } from '../src/seed/read';
import { relationshipId } from '../src/seed/read';
import type { RelationType, Stance } from '../src/model/vocabulary';

export const BENCH_TYPES: RelationType[] = ['COOPERATES_WITH', 'PARTNER_OF', 'COUNTERS', 'CONCERNED_ABOUT'];
const STANCE_OF: Record<string, Stance> = { COOPERATES_WITH: 'COOPERATIVE', PARTNER_OF: 'COOPERATIVE', COUNTERS: 'ADVERSARIAL', CONCERNED_ABOUT: 'ADVERSARIAL' };
const WORDS = ['north', 'south', 'east', 'west', 'union', 'republic', 'federation', 'alliance', 'council', 'league', 'kingdom', 'assembly', 'coalition', 'bloc', 'pact', 'forum'];
const SENTENCES_PER_DOCUMENT = 500;

export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const slugOf = (i: number): string => `actor-${i}`;

export function nameOf(i: number): string {
  const a = WORDS[i % WORDS.length] as string;
  const b = WORDS[Math.floor(i / WORDS.length) % WORDS.length] as string;
  return `${a[0]?.toUpperCase()}${a.slice(1)} ${b[0]?.toUpperCase()}${b.slice(1)} ${i}`;
}

export function syntheticGraph(size: number, perEntity = 10, seed = 42): SeedData {
  const rand = random(seed);
  const entities = Array.from({ length: size }, (_, i) => ({
    slug: slugOf(i),
    name: nameOf(i),
    kind: i % 3 === 0 ? ('ORGANIZATION' as const) : ('COUNTRY' as const),
    aliases: [`A${i}`, `${nameOf(i)} Authority`],
    description: `Synthetic actor number ${i}.`,
    wikidata: null,
    iso3: null,
  }));

  const relationships: SeedRelationship[] = [];
  const seen = new Set<string>();
  const documents: SeedData['documents'] = [];
  let sentences: string[] = [];
  let length = 0;
  let pending: SeedEvidence[] = [];
  const flush = (): void => {
    if (sentences.length === 0) return;
    const slug = `doc-${documents.length}`;
    const title = `Synthetic report ${documents.length}`;
    documents.push({ slug, title, text: `${title}\n${sentences.join(' ')}` });
    for (const e of pending) e.documentSlug = slug;
    sentences = [];
    pending = [];
    length = 0;
  };

  for (let source = 0; source < size; source += 1) {
    for (let k = 0; k < perEntity; k += 1) {
      // Cubing a uniform number skews targets towards low indices: those become hubs.
      const target = Math.floor(size * rand() ** 3);
      const type = BENCH_TYPES[Math.floor(rand() * BENCH_TYPES.length)] as RelationType;
      const id = relationshipId(slugOf(source), type, slugOf(target));
      if (target === source || seen.has(id)) continue;
      seen.add(id);
      const quote = `${nameOf(source)} ${type.toLowerCase().replace(/_/g, ' ')} ${nameOf(target)}.`;
      const titleLength = `Synthetic report ${documents.length}\n`.length;
      const start = titleLength + length + (sentences.length > 0 ? 1 : 0);
      const evidence: SeedEvidence = { documentSlug: '', quote, start, end: start + quote.length };
      length += quote.length + (sentences.length > 0 ? 1 : 0);
      sentences.push(quote);
      pending.push(evidence);
      relationships.push({
        id,
        type,
        sourceSlug: slugOf(source),
        targetSlug: slugOf(target),
        stance: STANCE_OF[type] as Stance,
        modality: rand() < 0.8 ? 'ASSERTED' : 'PLANNED',
        attributedToSlug: null,
        evidence: [evidence],
      });
      if (sentences.length >= SENTENCES_PER_DOCUMENT) flush();
    }
  }
  flush();
  return { entities, documents, relationships, mentions: [] };
}
