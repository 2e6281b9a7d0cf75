/** The seed's graph computed from seed/ directly, as tests' independent reference (never through the API). */
import { SEED_DIR } from '../../src/seed/load';
import { readSeed, type SeedRelationship } from '../../src/seed/read';

export const seed = readSeed(SEED_DIR);
export const entityId = (slug: string): string => `entity:${slug}`;

/** Breadth-first distances over seed relationships that pass `keep`, direction ignored. */
export function distances(from: string, keep: (r: SeedRelationship) => boolean = () => true): Map<string, number> {
  return distancesIn(seed.relationships, from, keep);
}

/** Breadth-first distances over `relationships` that pass `keep`, direction ignored. */
export function distancesIn(relationships: readonly SeedRelationship[], from: string, keep: (r: SeedRelationship) => boolean = () => true): Map<string, number> {
  const kept = relationships.filter(keep);
  const dist = new Map([[from, 0]]);
  let frontier = [from];
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const at of frontier) {
      for (const r of kept) {
        const other = r.sourceSlug === at ? r.targetSlug : r.targetSlug === at ? r.sourceSlug : null;
        if (other !== null && !dist.has(other)) {
          dist.set(other, (dist.get(at) ?? 0) + 1);
          next.push(other);
        }
      }
    }
    frontier = next;
  }
  return dist;
}

/** The seed's neighbourhood of `slug` within `depth` hops over relationships passing `keep`: entity slugs and relationship ids. */
export function seedNeighborhood(slug: string, depth: number, keep: (r: SeedRelationship) => boolean = () => true): { slugs: string[]; relationshipIds: string[] } {
  return neighborhoodIn(seed.relationships, slug, depth, keep);
}

/** The neighbourhood of `slug` within `depth` hops over `relationships` passing `keep`: entity slugs and relationship ids. */
export function neighborhoodIn(relationships: readonly SeedRelationship[], slug: string, depth: number, keep: (r: SeedRelationship) => boolean = () => true): { slugs: string[]; relationshipIds: string[] } {
  const slugs = [...distancesIn(relationships, slug, keep).entries()].filter(([, d]) => d <= depth).map(([s]) => s);
  const members = new Set(slugs);
  const relationshipIds = relationships.filter((r) => keep(r) && members.has(r.sourceSlug) && members.has(r.targetSlug)).map((r) => r.id);
  return { slugs, relationshipIds };
}
