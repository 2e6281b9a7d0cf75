/**
 * The large-graph canvas's pure parts (web/explore/scene.ts): what a graph becomes on screen, the
 * viewport that shows it whole, zooming under the cursor, and which element a click falls on.
 * Expected values are worked out here by hand from the coordinates, not read back from the code.
 */
import { KIND_STYLE, MODALITY_STYLE, STANCE_STYLE } from '../../web/explore/legend';
import { buildScene, CENTRE_RADIUS, distanceToEdge, distanceToSegment, edgeOnScreen, elementAt, fitViewport, MAX_ZOOM, MIN_NODE_SCREEN_RADIUS, NODE_RADIUS, PARALLEL_EDGE_SPACING, viewportAfterKey, zoomAround, type Scene, type SceneNode, type Viewport } from '../../web/explore/scene';
import type { DrawnGraph } from '../../web/explore/useGraph';

const node = (id: string, x: number, y: number): SceneNode => ({ id, x, y, radius: NODE_RADIUS, shape: 'ellipse', color: '#000', label: id, centre: false, onPath: false });
const edge = (id: string, source: SceneNode, target: SceneNode, bend = 0) => ({ id, source, target, color: '#000', line: 'solid' as const, label: id, onPath: false, bend });

/** Where the graph point p is on screen under `view`: screen = graph × zoom + pan. */
const screen = (view: Viewport, p: { x: number; y: number }) => ({ x: p.x * view.zoom + view.panX, y: p.y * view.zoom + view.panY });

describe('a drawn graph as a scene', () => {
  const graph: DrawnGraph = {
    nodes: [
      { __typename: 'Entity', id: 'entity:a', name: 'A', kind: 'ORGANIZATION' },
      { __typename: 'Entity', id: 'entity:b', name: 'B', kind: 'COUNTRY' },
      { __typename: 'Entity', id: 'entity:c', name: 'C', kind: 'SEA' },
    ],
    edges: [
      { __typename: 'Relationship', id: 'r1', type: 'ALLY_OF', stance: 'COOPERATIVE', modality: 'PLANNED', source: { __typename: 'Entity', id: 'entity:a' }, target: { __typename: 'Entity', id: 'entity:b' }, attributedTo: null },
      { __typename: 'Relationship', id: 'r2', type: 'COUNTERS', stance: 'ADVERSARIAL', modality: 'ATTRIBUTED', source: { __typename: 'Entity', id: 'entity:c' }, target: { __typename: 'Entity', id: 'entity:a' }, attributedTo: null },
      // Its target is not among the nodes: it cannot be drawn.
      { __typename: 'Relationship', id: 'r3', type: 'COUNTERS', stance: 'NEUTRAL', modality: 'ASSERTED', source: { __typename: 'Entity', id: 'entity:a' }, target: { __typename: 'Entity', id: 'entity:gone' }, attributedTo: null },
    ],
    centre: new Set(['entity:a']),
    path: new Set(['r2', 'entity:c']),
    steps: undefined,
    truncated: false,
  };
  const scene = buildScene(graph);

  it('draws each node in its kind’s colour and shape, the centre larger, on the path where it is', () => {
    expect(scene.nodes.map((n) => [n.id, n.label, n.color, n.shape, n.radius, n.centre, n.onPath])).toEqual([
      ['entity:a', 'A', KIND_STYLE.ORGANIZATION.color, KIND_STYLE.ORGANIZATION.shape, CENTRE_RADIUS, true, false],
      ['entity:b', 'B', KIND_STYLE.COUNTRY.color, KIND_STYLE.COUNTRY.shape, NODE_RADIUS, false, false],
      ['entity:c', 'C', KIND_STYLE.SEA.color, KIND_STYLE.SEA.shape, NODE_RADIUS, false, true],
    ]);
  });

  it('draws each edge between its ends, coloured by stance, lined by modality, labelled by type; one without its ends not at all', () => {
    expect(scene.edges.map((e) => [e.id, e.source.id, e.target.id, e.color, e.line, e.label, e.onPath, e.bend])).toEqual([
      ['r1', 'entity:a', 'entity:b', STANCE_STYLE.COOPERATIVE.color, MODALITY_STYLE.PLANNED.line, 'ally of', false, 0],
      ['r2', 'entity:c', 'entity:a', STANCE_STYLE.ADVERSARIAL.color, MODALITY_STYLE.ATTRIBUTED.line, 'counters', true, 0],
    ]);
  });

  it('puts the centre in the middle and its neighbours around it, apart', () => {
    const [a, b, c] = scene.nodes as [SceneNode, SceneNode, SceneNode];
    expect([a.x, a.y]).toEqual([0, 0]);
    expect(Math.hypot(b.x, b.y)).toBeGreaterThan(0);
    expect(Math.hypot(b.x - c.x, b.y - c.y)).toBeGreaterThan(2 * NODE_RADIUS);
  });
});

describe('relationships between the same two actors', () => {
  const entity = (id: string) => ({ __typename: 'Entity' as const, id, name: id, kind: 'COUNTRY' as const });
  const relationship = (id: string, source: string, target: string) => ({
    __typename: 'Relationship' as const,
    id,
    type: 'ALLY_OF' as const,
    stance: 'COOPERATIVE' as const,
    modality: 'ASSERTED' as const,
    source: { __typename: 'Entity' as const, id: source },
    target: { __typename: 'Entity' as const, id: target },
    attributedTo: null,
  });

  it('fan out evenly around the line between them, whichever way each points; a lone one stays straight', () => {
    const scene = buildScene({
      nodes: [entity('a'), entity('b'), entity('c')],
      edges: [relationship('ab1', 'a', 'b'), relationship('ba', 'b', 'a'), relationship('ab2', 'a', 'b'), relationship('ca', 'c', 'a'), relationship('bc1', 'b', 'c'), relationship('cb', 'c', 'b')],
      centre: new Set(['a']),
      path: new Set(),
      steps: undefined,
      truncated: false,
    });
    const step = PARALLEL_EDGE_SPACING;
    expect(scene.edges.map((e) => [e.id, e.bend])).toEqual([
      ['ab1', -step],
      ['ba', 0],
      ['ab2', step],
      ['ca', 0],
      ['bc1', -step / 2],
      ['cb', step / 2],
    ]);
  });

  // a at (0, 0), b at (100, 0), seen at zoom 2 from (10, 20): on screen a is at (10, 20), b at (210, 20).
  const [a, b] = [node('a', 0, 0), node('b', 100, 0)];
  const view: Viewport = { zoom: 2, panX: 10, panY: 20 };

  it('bend to the same side for the same sign, seen from the actor with the lower id, so that A→B and B→A part', () => {
    // The side is the line's direction from a to b, (1, 0), turned a quarter: (0, 1). A bend of 12
    // at zoom 2 puts the middle 24 px that way from (110, 20), and the control point twice as far.
    expect(edgeOnScreen(view, edge('ab', a, b, 12))).toEqual({ from: { x: 10, y: 20 }, control: { x: 110, y: 68 }, middle: { x: 110, y: 44 }, to: { x: 210, y: 20 } });
    expect(edgeOnScreen(view, edge('ba', b, a, 12)).middle).toEqual({ x: 110, y: 44 });
    expect(edgeOnScreen(view, edge('ba', b, a, -12)).middle).toEqual({ x: 110, y: -4 });
    // The middle is on the curve: a quadratic curve at t = 1/2 is (from + 2 control + to) / 4.
    const { from, control, middle, to } = edgeOnScreen(view, edge('ab', a, b, -30));
    expect({ x: (from.x + 2 * control.x + to.x) / 4, y: (from.y + 2 * control.y + to.y) / 4 }).toEqual(middle);
    // Straight: the control point is the middle of the line.
    expect(edgeOnScreen(view, edge('ab', a, b))).toEqual({ from: { x: 10, y: 20 }, control: { x: 110, y: 20 }, middle: { x: 110, y: 20 }, to: { x: 210, y: 20 } });
  });

  it('are each taken by a click on their own curve, and neither by one on the straight line between them', () => {
    const scene: Scene = { nodes: [a, b], edges: [edge('ab', a, b, -12), edge('ba', b, a, 12)] };
    expect(elementAt(scene, view, 110, -4)).toEqual({ kind: 'edge', id: 'ab' });
    expect(elementAt(scene, view, 110, 44)).toEqual({ kind: 'edge', id: 'ba' });
    expect(elementAt(scene, view, 110, 20)).toBeUndefined();
  });

  it('measure a click against the curve, not its chord', () => {
    // The curve from (0, 0) through (50, 10) to (100, 0), control (50, 20): at t = 1/4 it is at
    // 9/16 (0, 0) + 6/16 (50, 20) + 1/16 (100, 0) = (25, 7.5).
    const curve = { from: { x: 0, y: 0 }, control: { x: 50, y: 20 }, middle: { x: 50, y: 10 }, to: { x: 100, y: 0 } };
    expect(distanceToEdge({ x: 25, y: 7.5 }, curve)).toBeLessThan(0.1);
    expect(distanceToEdge({ x: 50, y: 10 }, curve)).toBeLessThan(0.1);
    // 3 px off the curve, and 7.5 px off its chord.
    expect(distanceToEdge({ x: 25, y: 10.5 }, curve)).toBeGreaterThan(2.5);
    expect(distanceToEdge({ x: 25, y: 10.5 }, curve)).toBeLessThan(3.01);
    expect(distanceToEdge({ x: 25, y: 0 }, curve)).toBeGreaterThan(6.5);
  });
});

describe('the viewport', () => {
  const scene: Scene = { nodes: [node('a', -500, -100), node('b', 700, 300), node('c', 0, 900)], edges: [] };

  it('fits every node inside the canvas, within the padding, and centres the graph', () => {
    const view = fitViewport(scene, 800, 600, 30);
    for (const n of scene.nodes) {
      const p = screen(view, n);
      expect(p.x).toBeGreaterThanOrEqual(30);
      expect(p.x).toBeLessThanOrEqual(800 - 30);
      expect(p.y).toBeGreaterThanOrEqual(30);
      expect(p.y).toBeLessThanOrEqual(600 - 30);
    }
    // The graph's extent is 1200 × 1000 (plus a margin): the height is the tighter fit, so the
    // top and bottom nodes are equally far from the canvas's edges, as are the left and right ones.
    const [top, bottom] = [screen(view, scene.nodes[0] as SceneNode).y, screen(view, scene.nodes[2] as SceneNode).y];
    expect(top).toBeCloseTo(600 - bottom, 6);
    const [left, right] = [screen(view, scene.nodes[0] as SceneNode).x, screen(view, scene.nodes[1] as SceneNode).x];
    expect(left).toBeCloseTo(800 - right, 6);
  });

  it('keeps the point under the cursor where it is while zooming, within the zoom limits', () => {
    const view: Viewport = { zoom: 0.5, panX: 40, panY: -25 };
    const cursor = { x: 310, y: 170 };
    const under = { x: (cursor.x - view.panX) / view.zoom, y: (cursor.y - view.panY) / view.zoom };
    const zoomed = zoomAround(view, 1.5, cursor.x, cursor.y);
    expect(zoomed.zoom).toBeCloseTo(0.75, 10);
    expect(screen(zoomed, under).x).toBeCloseTo(cursor.x, 9);
    expect(screen(zoomed, under).y).toBeCloseTo(cursor.y, 9);
    const far = zoomAround(view, 1000, cursor.x, cursor.y);
    expect(far.zoom).toBe(MAX_ZOOM);
    expect(screen(far, under).x).toBeCloseTo(cursor.x, 9);
  });
});

describe('the keyboard', () => {
  const scene: Scene = { nodes: [node('a', -500, -100), node('b', 700, 300)], edges: [] };
  const view: Viewport = { zoom: 0.5, panX: 40, panY: -25 };

  it('pans with the arrows, the graph moving the way a drag towards the arrow’s opposite would', () => {
    expect(viewportAfterKey('ArrowLeft', view, scene, 800, 600)).toEqual({ zoom: 0.5, panX: 100, panY: -25 });
    expect(viewportAfterKey('ArrowRight', view, scene, 800, 600)).toEqual({ zoom: 0.5, panX: -20, panY: -25 });
    expect(viewportAfterKey('ArrowUp', view, scene, 800, 600)).toEqual({ zoom: 0.5, panX: 40, panY: 35 });
    expect(viewportAfterKey('ArrowDown', view, scene, 800, 600)).toEqual({ zoom: 0.5, panX: 40, panY: -85 });
  });

  it('zooms in and out around the middle of the canvas, and shows the whole graph again with 0', () => {
    const middle = { x: (400 - view.panX) / view.zoom, y: (300 - view.panY) / view.zoom };
    const zoomedIn = viewportAfterKey('+', view, scene, 800, 600) as Viewport;
    expect(zoomedIn.zoom).toBeCloseTo(0.625, 10);
    expect(screen(zoomedIn, middle).x).toBeCloseTo(400, 9);
    expect(screen(zoomedIn, middle).y).toBeCloseTo(300, 9);
    const zoomedOut = viewportAfterKey('-', view, scene, 800, 600) as Viewport;
    expect(zoomedOut.zoom).toBeCloseTo(0.4, 10);
    expect(viewportAfterKey('0', view, scene, 800, 600)).toEqual(fitViewport(scene, 800, 600));
    expect(viewportAfterKey('x', view, scene, 800, 600)).toBeUndefined();
  });
});

describe('what a click selects', () => {
  const [a, b, c, d] = [node('a', 0, 0), node('b', 200, 0), node('c', 100, -100), node('d', 100, 100)];
  // a→b along y = 0; c→d along x = 100: they cross at (100, 0).
  const scene: Scene = { nodes: [a, b, c, d], edges: [edge('ab', a, b), edge('cd', c, d)] };
  const view: Viewport = { zoom: 1, panX: 50, panY: 200 };

  it('takes the node under the pointer, over any edge that passes it', () => {
    expect(elementAt(scene, view, 50, 200)).toEqual({ kind: 'node', id: 'a' });
    expect(elementAt(scene, view, 50 + 200 + NODE_RADIUS - 1, 200)).toEqual({ kind: 'node', id: 'b' });
  });

  it('takes the nearest edge within a few pixels of its line, and nothing farther', () => {
    // On a→b, halfway between a and the crossing: 50 from the c→d line.
    expect(elementAt(scene, view, 50 + 50, 200 + 3)).toEqual({ kind: 'edge', id: 'ab' });
    expect(elementAt(scene, view, 50 + 100 + 2, 200 + 60)).toEqual({ kind: 'edge', id: 'cd' });
    // Near the crossing, the closer line wins.
    expect(elementAt(scene, view, 50 + 100 + 1, 200 + 3)).toEqual({ kind: 'edge', id: 'cd' });
    expect(elementAt(scene, view, 50 + 100 + 3, 200 + 1)).toEqual({ kind: 'edge', id: 'ab' });
    expect(elementAt(scene, view, 50 + 50, 200 + 20)).toBeUndefined();
  });

  it('still hits a node drawn at its smallest size when zoomed far out', () => {
    const alone: Scene = { nodes: [a], edges: [] };
    const out: Viewport = { zoom: 0.02, panX: 400, panY: 300 };
    // Its own size would be 0.26 px; it is drawn, and taken, at MIN_NODE_SCREEN_RADIUS.
    expect(elementAt(alone, out, 400 + MIN_NODE_SCREEN_RADIUS - 0.5, 300)).toEqual({ kind: 'node', id: 'a' });
    expect(elementAt(alone, out, 400 - MIN_NODE_SCREEN_RADIUS - 1, 300)).toBeUndefined();
  });

  it('measures the distance to a segment, not to its line beyond the ends', () => {
    expect(distanceToSegment({ x: 5, y: 4 }, { x: 0, y: 0 }, { x: 10, y: 0 })).toBe(4);
    expect(distanceToSegment({ x: 13, y: 4 }, { x: 0, y: 0 }, { x: 10, y: 0 })).toBe(5);
    expect(distanceToSegment({ x: 3, y: 4 }, { x: 0, y: 0 }, { x: 0, y: 0 })).toBe(5);
  });
});
