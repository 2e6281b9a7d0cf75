/**
 * What the canvas renderer (CanvasGraph.tsx) draws for a large graph, as plain data: each node's
 * place, shape and colour, each edge's ends and line, the viewport (zoom and pan), and which element
 * a point on the screen falls on. No DOM here, so all of it is checked by unit tests; the component
 * only paints it and turns pointer events into calls to these functions.
 */
import { KIND_STYLE, MODALITY_STYLE, STANCE_STYLE, words } from './legend';
import { radialPositions, type Point } from './layout';
import type { DrawnGraph } from './useGraph';
import type { Selection } from './view';

export type Shape = (typeof KIND_STYLE)[keyof typeof KIND_STYLE]['shape'];
export type LineStyle = 'solid' | 'dashed' | 'dotted';

export interface SceneNode {
  id: string;
  x: number;
  y: number;
  /** Half the node's size, in graph units (at zoom 1, pixels). */
  radius: number;
  shape: Shape;
  color: string;
  label: string;
  centre: boolean;
  onPath: boolean;
}

export interface SceneEdge {
  id: string;
  source: SceneNode;
  target: SceneNode;
  color: string;
  line: LineStyle;
  label: string;
  onPath: boolean;
  /**
   * How far the edge's middle is drawn beside the straight line between its ends, in graph units;
   * 0 draws it straight. Relationships between the same two actors (either way) get different
   * bends, so none is drawn over another. The sign says which side, seen from the end with the
   * lower id, so that A→B and B→A bend apart.
   */
  bend: number;
}

export interface Scene {
  nodes: SceneNode[];
  edges: SceneEdge[];
}

/** Screen = graph × zoom + pan, in CSS pixels. */
export interface Viewport {
  zoom: number;
  panX: number;
  panY: number;
}

/** Past this many nodes the explorer draws a graph with its own canvas, laid out radially (layout.ts), instead of cytoscape and fcose. */
export const LARGE_GRAPH_NODES = 150;
export const MIN_ZOOM = 0.02;
export const MAX_ZOOM = 4;
export const NODE_RADIUS = 13;
export const CENTRE_RADIUS = 19;
/** The smallest a node is drawn, in pixels, whatever the zoom: at the zoom that fits 500 nodes a node's own size is about 2 px. */
export const MIN_NODE_SCREEN_RADIUS = 3;
/** Labels smaller than this on screen are not drawn (cytoscape's min-zoomed-font-size, as the small graphs use). */
export const MIN_LABEL_PX = 7;
export const NODE_FONT = 12;
export const EDGE_FONT = 10;
/** How close to an edge's line a click selects it, in pixels. */
export const EDGE_HIT_PX = 5;
/** How far apart the middles of two relationships between the same two actors are drawn, in graph units. */
export const PARALLEL_EDGE_SPACING = 24;
const FIT_MARGIN = 40;

export function buildScene(graph: DrawnGraph): Scene {
  const positions = radialPositions(
    graph.nodes.map((n) => n.id),
    graph.edges.map((e) => ({ source: e.source.id, target: e.target.id })),
    [...graph.centre],
  );
  const byId = new Map<string, SceneNode>();
  const nodes = graph.nodes.map((n): SceneNode => {
    const { x, y } = positions.get(n.id) ?? { x: 0, y: 0 };
    const centre = graph.centre.has(n.id);
    const node: SceneNode = { id: n.id, x, y, radius: centre ? CENTRE_RADIUS : NODE_RADIUS, shape: KIND_STYLE[n.kind].shape, color: KIND_STYLE[n.kind].color, label: n.name, centre, onPath: graph.path.has(n.id) };
    byId.set(n.id, node);
    return node;
  });
  const edges: SceneEdge[] = [];
  for (const e of graph.edges) {
    const source = byId.get(e.source.id);
    const target = byId.get(e.target.id);
    // An edge always comes with both its ends from the API; one without them cannot be drawn.
    if (source === undefined || target === undefined) continue;
    edges.push({ id: e.id, source, target, color: STANCE_STYLE[e.stance].color, line: MODALITY_STYLE[e.modality].line, label: words(e.type), onPath: graph.path.has(e.id), bend: 0 });
  }
  // The relationships between two actors fan out evenly around the straight line between them.
  const between = new Map<string, SceneEdge[]>();
  for (const e of edges) {
    const key = actorPair(e.source.id, e.target.id);
    between.set(key, [...(between.get(key) ?? []), e]);
  }
  for (const group of between.values()) {
    for (const [i, e] of group.entries()) e.bend = (i - (group.length - 1) / 2) * PARALLEL_EDGE_SPACING;
  }
  return { nodes, edges };
}

/** The two actors a relationship joins, whichever way it points: the key both drawings group relationships by. */
export function actorPair(sourceId: string, targetId: string): string {
  return sourceId < targetId ? `${sourceId} ${targetId}` : `${targetId} ${sourceId}`;
}

/** The viewport that shows every node of the scene in a `width` × `height` canvas, within `padding` pixels of its border. */
export function fitViewport(scene: Scene, width: number, height: number, padding = 30): Viewport {
  if (scene.nodes.length === 0) return { zoom: 1, panX: width / 2, panY: height / 2 };
  let [x1, x2, y1, y2] = [Infinity, -Infinity, Infinity, -Infinity];
  for (const n of scene.nodes) {
    x1 = Math.min(x1, n.x - FIT_MARGIN);
    x2 = Math.max(x2, n.x + FIT_MARGIN);
    y1 = Math.min(y1, n.y - FIT_MARGIN);
    y2 = Math.max(y2, n.y + FIT_MARGIN);
  }
  const zoom = clampZoom(Math.min((width - 2 * padding) / (x2 - x1), (height - 2 * padding) / (y2 - y1)));
  return { zoom, panX: width / 2 - (zoom * (x1 + x2)) / 2, panY: height / 2 - (zoom * (y1 + y2)) / 2 };
}

export function clampZoom(zoom: number): number {
  return Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, zoom));
}

/** Zooms by `factor` keeping the graph point under the screen point (x, y) where it is, as a map does under the mouse wheel. */
export function zoomAround(view: Viewport, factor: number, x: number, y: number): Viewport {
  const zoom = clampZoom(view.zoom * factor);
  const scale = zoom / view.zoom;
  return { zoom, panX: x - (x - view.panX) * scale, panY: y - (y - view.panY) * scale };
}

/** The drawn graph's label for screen readers (both renderers): what it shows, where its text twin is, and what the keyboard does. */
export function graphLabel(actors: number, relationships: number): string {
  return `Graph of ${actors} actors and ${relationships} relationships; the same is listed as text beside it. Arrow keys pan, + and − zoom, 0 shows the whole graph.`;
}
/** How far an arrow key pans, in pixels, and how much + and − zoom. */
export const KEY_PAN_PX = 60;
export const KEY_ZOOM = 1.25;

/**
 * The viewport after a key, for people who do not use a pointer: arrows pan (the graph moves the
 * other way, as dragging it would), + and − zoom around the middle, 0 shows the whole graph again;
 * undefined for any other key.
 */
export function viewportAfterKey(key: string, view: Viewport, scene: Scene, width: number, height: number): Viewport | undefined {
  switch (key) {
    case 'ArrowLeft':
      return { ...view, panX: view.panX + KEY_PAN_PX };
    case 'ArrowRight':
      return { ...view, panX: view.panX - KEY_PAN_PX };
    case 'ArrowUp':
      return { ...view, panY: view.panY + KEY_PAN_PX };
    case 'ArrowDown':
      return { ...view, panY: view.panY - KEY_PAN_PX };
    case '+':
    case '=':
      return zoomAround(view, KEY_ZOOM, width / 2, height / 2);
    case '-':
      return zoomAround(view, 1 / KEY_ZOOM, width / 2, height / 2);
    case '0':
      return fitViewport(scene, width, height);
    default:
      return undefined;
  }
}

export function toScreen(view: Viewport, p: Point): Point {
  return { x: p.x * view.zoom + view.panX, y: p.y * view.zoom + view.panY };
}

/** A node's radius on screen: its own size at this zoom, never smaller than MIN_NODE_SCREEN_RADIUS. */
export function screenRadius(node: SceneNode, zoom: number): number {
  return Math.max(MIN_NODE_SCREEN_RADIUS, node.radius * zoom);
}

/**
 * What a click at the screen point (x, y) selects: the topmost node under it (nodes are drawn over
 * edges, later ones over earlier ones), else the nearest edge within EDGE_HIT_PX of its line.
 */
export function elementAt(scene: Scene, view: Viewport, x: number, y: number): Selection | undefined {
  for (let i = scene.nodes.length - 1; i >= 0; i -= 1) {
    const n = scene.nodes[i] as SceneNode;
    const p = toScreen(view, n);
    // A node's shape is within its radius; a click on a corner of its box still takes it.
    if (Math.abs(x - p.x) <= screenRadius(n, view.zoom) && Math.abs(y - p.y) <= screenRadius(n, view.zoom)) return { kind: 'node', id: n.id };
  }
  let nearest: { id: string; distance: number } | undefined;
  for (const e of scene.edges) {
    const distance = distanceToEdge({ x, y }, edgeOnScreen(view, e));
    if (distance <= EDGE_HIT_PX && (nearest === undefined || distance < nearest.distance)) nearest = { id: e.id, distance };
  }
  return nearest === undefined ? undefined : { kind: 'edge', id: nearest.id };
}

export function distanceToSegment(p: Point, a: Point, b: Point): number {
  const [dx, dy] = [b.x - a.x, b.y - a.y];
  const length2 = dx * dx + dy * dy;
  const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / length2));
  return Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

/**
 * An edge on screen, drawn as a quadratic curve: its ends, the curve's control point, and its
 * middle, where its arrow and label go. A straight edge has both at the middle of its line. The
 * curve's direction at its middle is that of the line between its ends.
 */
export interface EdgeOnScreen {
  from: Point;
  control: Point;
  middle: Point;
  to: Point;
}

export function edgeOnScreen(view: Viewport, e: SceneEdge): EdgeOnScreen {
  const [from, to] = [toScreen(view, e.source), toScreen(view, e.target)];
  const centre = { x: (from.x + to.x) / 2, y: (from.y + to.y) / 2 };
  const [low, high] = e.source.id < e.target.id ? [from, to] : [to, from];
  const length = Math.hypot(high.x - low.x, high.y - low.y);
  if (e.bend === 0 || length === 0) return { from, control: centre, middle: centre, to };
  // A quadratic curve passes halfway between its chord's middle and its control point.
  const [nx, ny] = [(low.y - high.y) / length, (high.x - low.x) / length];
  const offset = e.bend * view.zoom;
  return { from, control: { x: centre.x + 2 * offset * nx, y: centre.y + 2 * offset * ny }, middle: { x: centre.x + offset * nx, y: centre.y + offset * ny }, to };
}

/** Straight pieces a curved edge is measured along: the curve strays from them by a 256th of its bend at most. */
const CURVE_PIECES = 16;

/** Distance from p to the edge as drawn: its line, or its curve. */
export function distanceToEdge(p: Point, { from, control, middle, to }: EdgeOnScreen): number {
  if (control.x === middle.x && control.y === middle.y) return distanceToSegment(p, from, to);
  let nearest = Infinity;
  let last = from;
  for (let k = 1; k <= CURVE_PIECES; k += 1) {
    const t = k / CURVE_PIECES;
    const [a, b, c] = [(1 - t) * (1 - t), 2 * t * (1 - t), t * t];
    const next = { x: a * from.x + b * control.x + c * to.x, y: a * from.y + b * control.y + c * to.y };
    nearest = Math.min(nearest, distanceToSegment(p, last, next));
    last = next;
  }
  return nearest;
}
