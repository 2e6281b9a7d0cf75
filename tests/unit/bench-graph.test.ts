/**
 * The benchmark's synthetic graphs are valid seeds: evidence is exactly the document text at its
 * offsets, ids are unique, degrees are skewed, and the same seed gives the same graph.
 */
import { syntheticGraph } from '../../bench/graph';

describe('syntheticGraph', () => {
  const graph = syntheticGraph(2_000, 10, 42);

  it('has evidence equal to its document text at the offsets', () => {
    const texts = new Map(graph.documents.map((d) => [d.slug, d.text]));
    // One expectation over all ~20,000 passages (one each took seconds), naming every mismatch.
    const mismatches = graph.relationships.flatMap((r) => r.evidence.filter((e) => texts.get(e.documentSlug)?.slice(e.start, e.end) !== e.quote).map((e) => ({ id: r.id, ...e })));
    expect(graph.relationships.flatMap((r) => r.evidence).length).toBeGreaterThanOrEqual(graph.relationships.length);
    expect(mismatches).toEqual([]);
  });

  it('has unique relationship ids, about ten per entity, and hubs', () => {
    expect(new Set(graph.relationships.map((r) => r.id)).size).toBe(graph.relationships.length);
    expect(graph.relationships.length).toBeGreaterThan(18_000);
    const inDegree = new Map<string, number>();
    for (const r of graph.relationships) inDegree.set(r.targetSlug, (inDegree.get(r.targetSlug) ?? 0) + 1);
    expect(Math.max(...inDegree.values())).toBeGreaterThan(500);
  });

  it('is deterministic for a seed', () => {
    expect(syntheticGraph(300, 10, 42)).toEqual(syntheticGraph(300, 10, 42));
    expect(syntheticGraph(300, 10, 43).relationships).not.toEqual(syntheticGraph(300, 10, 42).relationships);
  });
});
