/**
 * A radial layout for large neighbourhoods: the centre in the middle, each further hop on a wider
 * ring, every node placed near the node it was reached from. It costs one breadth-first pass, so
 * a 500-node neighbourhood is placed in milliseconds; the force layout (fcose) took over a second
 * for the same graph in Chromium, and reads no better at that size. Small graphs keep fcose.
 */
export interface Point {
  x: number;
  y: number;
}

const RING_GAP = 160;
const NODE_SPACING = 46;

export function radialPositions(nodeIds: readonly string[], edges: readonly { source: string; target: string }[], centres: readonly string[]): Map<string, Point> {
  const neighbours = new Map<string, string[]>(nodeIds.map((id) => [id, []]));
  for (const { source, target } of edges) {
    neighbours.get(source)?.push(target);
    neighbours.get(target)?.push(source);
  }
  // Hop distance from the nearest centre; the parent is whoever reached a node first.
  const depth = new Map<string, number>();
  const parent = new Map<string, string>();
  let frontier = centres.filter((id) => neighbours.has(id));
  if (frontier.length === 0 && nodeIds[0] !== undefined) frontier = [nodeIds[0]];
  for (const id of frontier) depth.set(id, 0);
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const at of frontier) {
      for (const other of neighbours.get(at) ?? []) {
        if (depth.has(other)) continue;
        depth.set(other, (depth.get(at) ?? 0) + 1);
        parent.set(other, at);
        next.push(other);
      }
    }
    frontier = next;
  }
  // Nodes no edge reaches (possible when an expanded neighbourhood is filtered) go on an outer ring.
  const deepest = Math.max(0, ...depth.values());
  for (const id of nodeIds) if (!depth.has(id)) depth.set(id, deepest + 1);

  const rings: string[][] = [];
  for (const id of nodeIds) (rings[depth.get(id) ?? 0] ??= []).push(id);
  const angle = new Map<string, number>();
  const positions = new Map<string, Point>();
  let radius = 0;
  rings.forEach((ring, r) => {
    if (ring === undefined) return;
    if (r === 0 && ring.length === 1) {
      positions.set(ring[0] ?? '', { x: 0, y: 0 });
      angle.set(ring[0] ?? '', 0);
      return;
    }
    // Wide enough for its nodes, and always wider than the ring inside it.
    radius = Math.max(radius + RING_GAP, (ring.length * NODE_SPACING) / (2 * Math.PI));
    // Children in the order of their parents' angles, so branches stay together.
    const ordered = [...ring].sort((a, b) => (angle.get(parent.get(a) ?? '') ?? 0) - (angle.get(parent.get(b) ?? '') ?? 0) || (a < b ? -1 : a > b ? 1 : 0));
    ordered.forEach((id, i) => {
      const theta = (2 * Math.PI * i) / ordered.length;
      angle.set(id, theta);
      positions.set(id, { x: radius * Math.cos(theta), y: radius * Math.sin(theta) });
    });
  });
  return positions;
}
