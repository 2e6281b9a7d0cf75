/**
 * The drawing of a large graph (past LARGE_GRAPH_NODES nodes): the scene (scene.ts) painted on one
 * canvas, with pan, zoom and clicks. Cytoscape draws the small graphs; at 500 nodes and 1,700 edges
 * it needed most of a second to style and draw its first frame in Chromium without a GPU, where
 * this paints the same picture in milliseconds (see the README, "The explorer").
 */
import { useEffect, useRef } from 'react';
import { buildScene, EDGE_FONT, edgeOnScreen, graphLabel, elementAt, fitViewport, MIN_LABEL_PX, NODE_FONT, screenRadius, toScreen, viewportAfterKey, zoomAround, type LineStyle, type Scene, type SceneEdge, type SceneNode, type Viewport } from './scene';
import type { Inspectable } from './Graph';
import type { DrawnGraph } from './useGraph';
import type { Selection } from './view';

const PATH_COLOR = '#e0a800';
const SELECTED_OVERLAY = 'rgba(31, 95, 168, 0.3)';
const LABEL_FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
/** A pointer that moves less than this between press and release clicks; more, and it pans. */
const CLICK_SLOP_PX = 4;

type InspectableCanvas = HTMLCanvasElement & Inspectable;

function dash(line: LineStyle, width: number): number[] {
  if (line === 'dashed') return [6 * width, 4 * width];
  if (line === 'dotted') return [width, 2.5 * width];
  return [];
}

function shapePath(ctx: CanvasRenderingContext2D, node: SceneNode, x: number, y: number, r: number): void {
  switch (node.shape) {
    case 'ellipse':
      ctx.moveTo(x + r, y);
      ctx.arc(x, y, r, 0, 2 * Math.PI);
      return;
    case 'round-rectangle':
      ctx.roundRect(x - r, y - r, 2 * r, 2 * r, r * 0.35);
      return;
    case 'barrel':
      ctx.roundRect(x - r, y - r * 0.8, 2 * r, 1.6 * r, r * 0.6);
      return;
    case 'diamond':
      ctx.moveTo(x, y - r);
      ctx.lineTo(x + r, y);
      ctx.lineTo(x, y + r);
      ctx.lineTo(x - r, y);
      ctx.closePath();
      return;
    case 'triangle':
      ctx.moveTo(x, y - r);
      ctx.lineTo(x + r, y + r);
      ctx.lineTo(x - r, y + r);
      ctx.closePath();
      return;
    case 'hexagon':
      for (let k = 0; k < 6; k += 1) {
        const a = (Math.PI / 3) * k;
        if (k === 0) ctx.moveTo(x + r * Math.cos(a), y + r * Math.sin(a));
        else ctx.lineTo(x + r * Math.cos(a), y + r * Math.sin(a));
      }
      ctx.closePath();
  }
}

interface Frame {
  ctx: CanvasRenderingContext2D;
  scene: Scene;
  view: Viewport;
  width: number;
  height: number;
}

const at = (f: Frame, p: { x: number; y: number }) => toScreen(f.view, p);
const edgeWidth = (zoom: number): number => Math.max(1, 1.5 * zoom);
const halo = (zoom: number): number => Math.max(4, 6 * zoom);
const onScreen = (f: Frame, p: { x: number; y: number }, margin: number): boolean => p.x > -margin && p.x < f.width + margin && p.y > -margin && p.y < f.height + margin;

/**
 * Paints the whole scene, bottom to top: edges, their arrows and labels, a selected edge's halo,
 * nodes, a selected node's halo, node labels. Elements of one colour and line go in one path, so
 * 2,000 edges are a dozen strokes.
 */
function paint(frame: Frame, selection: Selection | undefined): void {
  const { ctx, scene, width, height } = frame;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  paintEdges(frame);
  paintArrows(frame);
  paintEdgeLabels(frame);
  const edge = selection?.kind === 'edge' ? scene.edges.find((e) => e.id === selection.id) : undefined;
  if (edge !== undefined) paintEdgeHalo(frame, edge);
  paintNodes(frame);
  const node = selection?.kind === 'node' ? scene.nodes.find((n) => n.id === selection.id) : undefined;
  if (node !== undefined) paintNodeHalo(frame, node);
  paintNodeLabels(frame);
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group === undefined) groups.set(k, [item]);
    else group.push(item);
  }
  return [...groups.values()];
}

/** Starts a path of the edges' lines, to stroke once. */
function traceEdges(f: Frame, edges: readonly SceneEdge[]): void {
  f.ctx.beginPath();
  for (const e of edges) {
    const { from, control, to } = edgeOnScreen(f.view, e);
    f.ctx.moveTo(from.x, from.y);
    if (e.bend === 0) f.ctx.lineTo(to.x, to.y);
    else f.ctx.quadraticCurveTo(control.x, control.y, to.x, to.y);
  }
}

function paintEdges(f: Frame): void {
  const { ctx, scene, view } = f;
  const width = edgeWidth(view.zoom);
  ctx.lineWidth = width;
  for (const group of groupBy(scene.edges, (e) => `${e.color} ${e.line}`)) {
    const [{ color, line }] = group as [SceneEdge];
    traceEdges(f, group);
    ctx.strokeStyle = color;
    ctx.setLineDash(dash(line, width));
    ctx.stroke();
  }
  ctx.setLineDash([]);
  const onPath = scene.edges.filter((e) => e.onPath);
  if (onPath.length === 0) return;
  traceEdges(f, onPath);
  ctx.strokeStyle = PATH_COLOR;
  ctx.lineWidth = Math.max(3, 5 * view.zoom);
  ctx.stroke();
}

/** The direction: an arrow at the middle of each edge, pointing at its target, where the edge is long enough on screen to carry one. */
function paintArrows(f: Frame): void {
  const size = Math.min(12, Math.max(4, 9 * f.view.zoom));
  const arrows = new Map<string, Path2D>();
  for (const e of f.scene.edges) {
    const { from: a, middle, to: b } = edgeOnScreen(f.view, e);
    const length = Math.hypot(b.x - a.x, b.y - a.y);
    if (length < size * 4) continue;
    const [ux, uy] = [(b.x - a.x) / length, (b.y - a.y) / length];
    const [mx, my] = [middle.x, middle.y];
    const color = e.onPath ? PATH_COLOR : e.color;
    let path = arrows.get(color);
    if (path === undefined) arrows.set(color, (path = new Path2D()));
    path.moveTo(mx + ux * size * 0.6, my + uy * size * 0.6);
    path.lineTo(mx - ux * size * 0.4 - uy * size * 0.45, my - uy * size * 0.4 + ux * size * 0.45);
    path.lineTo(mx - ux * size * 0.4 + uy * size * 0.45, my - uy * size * 0.4 - ux * size * 0.45);
    path.closePath();
  }
  for (const [color, path] of arrows) {
    f.ctx.fillStyle = color;
    f.ctx.fill(path);
  }
}

/** The relation type along each edge, upright, where it is large enough to read and fits beside the edge's arrow. */
function paintEdgeLabels(f: Frame): void {
  const { ctx, view } = f;
  const font = EDGE_FONT * view.zoom;
  if (font < MIN_LABEL_PX) return;
  ctx.font = `${font}px ${LABEL_FONT}`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  for (const e of f.scene.edges) {
    const { from: a, middle: mid, to: b } = edgeOnScreen(f.view, e);
    if (!onScreen(f, mid, 100)) continue;
    const width = ctx.measureText(e.label).width;
    if (width > Math.hypot(b.x - a.x, b.y - a.y) / 2) continue;
    let angle = Math.atan2(b.y - a.y, b.x - a.x);
    if (angle > Math.PI / 2) angle -= Math.PI;
    if (angle < -Math.PI / 2) angle += Math.PI;
    ctx.save();
    ctx.translate(mid.x, mid.y);
    ctx.rotate(angle);
    // Beside the arrow, not over it.
    const offset = -font * 0.9;
    ctx.fillStyle = 'rgba(255, 255, 255, 0.85)';
    ctx.fillRect(-width / 2 - 1, offset - font * 0.6, width + 2, font * 1.2);
    ctx.fillStyle = '#222';
    ctx.fillText(e.label, 0, offset);
    ctx.restore();
  }
}

function paintEdgeHalo(f: Frame, edge: SceneEdge): void {
  const { ctx, view } = f;
  traceEdges(f, [edge]);
  ctx.strokeStyle = SELECTED_OVERLAY;
  ctx.lineWidth = edgeWidth(view.zoom) + 2 * halo(view.zoom);
  ctx.lineCap = 'round';
  ctx.stroke();
  ctx.lineCap = 'butt';
}

function paintNodes(f: Frame): void {
  const { ctx, scene, view } = f;
  for (const group of groupBy(scene.nodes, (n) => `${n.shape} ${n.color}`)) {
    ctx.beginPath();
    for (const n of group) {
      const p = at(f, n);
      shapePath(ctx, n, p.x, p.y, screenRadius(n, view.zoom));
    }
    ctx.fillStyle = group[0]?.color ?? '#000';
    ctx.fill();
  }
  for (const n of scene.nodes) {
    if (!n.centre && !n.onPath) continue;
    const p = at(f, n);
    ctx.beginPath();
    shapePath(ctx, n, p.x, p.y, screenRadius(n, view.zoom));
    ctx.strokeStyle = n.onPath ? PATH_COLOR : '#111';
    ctx.lineWidth = n.onPath ? Math.max(2, 4 * view.zoom) : Math.max(1.5, 3 * view.zoom);
    ctx.stroke();
  }
}

function paintNodeHalo(f: Frame, node: SceneNode): void {
  const { ctx, view } = f;
  const p = at(f, node);
  ctx.beginPath();
  ctx.arc(p.x, p.y, screenRadius(node, view.zoom) + halo(view.zoom), 0, 2 * Math.PI);
  ctx.fillStyle = SELECTED_OVERLAY;
  ctx.fill();
}

/** Each node's name below it, on a light background, where it is large enough to read. */
function paintNodeLabels(f: Frame): void {
  const { ctx, view } = f;
  const font = NODE_FONT * view.zoom;
  if (font < MIN_LABEL_PX) return;
  ctx.font = `${font}px ${LABEL_FONT}`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  const pad = 2 * view.zoom;
  for (const n of f.scene.nodes) {
    const p = at(f, n);
    if (!onScreen(f, p, 200)) continue;
    const y = p.y + screenRadius(n, view.zoom) + 4 * view.zoom;
    const width = ctx.measureText(n.label).width;
    ctx.fillStyle = 'rgba(255, 255, 255, 0.85)';
    ctx.fillRect(p.x - width / 2 - pad, y - pad, width + 2 * pad, font * 1.2 + 2 * pad);
    ctx.fillStyle = '#111';
    ctx.fillText(n.label, p.x, y);
  }
}

export function CanvasGraph({ graph, selection, onSelect }: { graph: DrawnGraph; selection: Selection | undefined; onSelect: (s: Selection) => void }) {
  const container = useRef<HTMLDivElement>(null);
  const canvas = useRef<InspectableCanvas>(null);
  // What is painted and how: kept out of React state, so that panning and zooming repaint the
  // canvas without rendering the app again.
  const live = useRef<{ scene: Scene; view: Viewport | undefined; selection: Selection | undefined; drawn: Scene | undefined; frame: number }>({ scene: { nodes: [], edges: [] }, view: undefined, selection, drawn: undefined, frame: 0 });
  const select = useRef(onSelect);
  select.current = onSelect;

  const size = (): { width: number; height: number } => ({ width: container.current?.clientWidth ?? 0, height: container.current?.clientHeight ?? 0 });

  const requestPaint = (): void => {
    const state = live.current;
    if (state.frame !== 0) return;
    state.frame = requestAnimationFrame(() => {
      state.frame = 0;
      const element = canvas.current;
      const ctx = element?.getContext('2d', { alpha: false });
      if (element === null || element === undefined || ctx === null || ctx === undefined) return;
      const { width, height } = size();
      const ratio = window.devicePixelRatio || 1;
      if (element.width !== Math.round(width * ratio) || element.height !== Math.round(height * ratio)) {
        element.width = Math.round(width * ratio);
        element.height = Math.round(height * ratio);
      }
      state.view ??= fitViewport(state.scene, width, height);
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      paint({ ctx, scene: state.scene, view: state.view, width, height }, state.selection);
      const box = container.current;
      if (box === null) return;
      box.dataset.viewport = `${state.view.zoom} ${state.view.panX} ${state.view.panY}`;
      if (state.drawn !== state.scene) {
        // For tests and the benchmark: how many nodes are drawn, and when the first frame showing
        // them was painted (ms since navigation), from which the graph answers input.
        state.drawn = state.scene;
        box.dataset.drawnNodes = String(state.scene.nodes.length);
        box.dataset.drawnEdges = String(state.scene.edges.length);
        box.dataset.drawnAt = String(Math.round(performance.now()));
      }
    });
  };

  useEffect(() => {
    performance.mark('graph-draw-start');
    const state = live.current;
    const before = state.scene.nodes;
    state.scene = buildScene(graph);
    // New actors are shown whole, and panning and zooming start again from there; the same actors
    // with a relationship more or less (a live change) stay where they were, under the user's view.
    const sameActors = before.length === state.scene.nodes.length && state.scene.nodes.every((n, i) => n.id === before[i]?.id);
    if (sameActors) {
      state.scene.nodes.forEach((n, i) => {
        n.x = before[i]?.x ?? n.x;
        n.y = before[i]?.y ?? n.y;
      });
    }
    const { width, height } = size();
    if (!sameActors || state.view === undefined) state.view = fitViewport(state.scene, width, height);
    performance.mark('graph-laid-out');
    requestPaint();
  }, [graph]);

  useEffect(() => {
    live.current.selection = selection;
    requestPaint();
  }, [selection]);

  useEffect(() => {
    const element = canvas.current;
    const box = container.current;
    if (element === null || box === null) return;
    const state = live.current;
    element.screenPositionOf = (id) => {
      if (state.view === undefined) return null;
      const node = state.scene.nodes.find((n) => n.id === id);
      if (node !== undefined) return toScreen(state.view, node);
      const edge = state.scene.edges.find((e) => e.id === id);
      return edge === undefined ? null : edgeOnScreen(state.view, edge).middle;
    };
    const local = (event: MouseEvent): { x: number; y: number } => {
      const r = element.getBoundingClientRect();
      return { x: event.clientX - r.left, y: event.clientY - r.top };
    };
    let press: { x: number; y: number; panX: number; panY: number; moved: boolean } | undefined;
    const down = (event: PointerEvent): void => {
      if (event.button !== 0 || state.view === undefined) return;
      element.setPointerCapture(event.pointerId);
      press = { ...local(event), panX: state.view.panX, panY: state.view.panY, moved: false };
    };
    const move = (event: PointerEvent): void => {
      const p = local(event);
      if (press !== undefined && state.view !== undefined) {
        press.moved ||= Math.hypot(p.x - press.x, p.y - press.y) > CLICK_SLOP_PX;
        if (press.moved) {
          state.view = { ...state.view, panX: press.panX + p.x - press.x, panY: press.panY + p.y - press.y };
          requestPaint();
        }
        return;
      }
      if (state.view !== undefined) element.style.cursor = elementAt(state.scene, state.view, p.x, p.y) === undefined ? 'grab' : 'pointer';
    };
    const up = (event: PointerEvent): void => {
      if (press === undefined) return;
      const wasClick = !press.moved;
      press = undefined;
      if (!wasClick || state.view === undefined) return;
      const p = local(event);
      const hit = elementAt(state.scene, state.view, p.x, p.y);
      if (hit !== undefined) select.current(hit);
    };
    const wheel = (event: WheelEvent): void => {
      if (state.view === undefined) return;
      event.preventDefault();
      const p = local(event);
      // A wheel notch (about 100 px of deltaY) zooms by a fifth; Firefox counts its notches in
      // lines (about 3 each), and a page step is a whole screen.
      const pixels = event.deltaY * (event.deltaMode === WheelEvent.DOM_DELTA_LINE ? 33 : event.deltaMode === WheelEvent.DOM_DELTA_PAGE ? 400 : 1);
      state.view = zoomAround(state.view, Math.exp(-pixels * 0.002), p.x, p.y);
      requestPaint();
    };
    const key = (event: KeyboardEvent): void => {
      if (state.view === undefined || event.altKey || event.ctrlKey || event.metaKey) return;
      const { width, height } = size();
      const next = viewportAfterKey(event.key, state.view, state.scene, width, height);
      if (next === undefined) return;
      event.preventDefault();
      state.view = next;
      requestPaint();
    };
    const resize = new ResizeObserver(() => requestPaint());
    resize.observe(box);
    element.addEventListener('pointerdown', down);
    element.addEventListener('pointermove', move);
    element.addEventListener('pointerup', up);
    const cancel = (): void => {
      press = undefined;
    };
    element.addEventListener('pointercancel', cancel);
    element.addEventListener('keydown', key);
    // Not passive: the page must not scroll while the wheel zooms the graph.
    element.addEventListener('wheel', wheel, { passive: false });
    return () => {
      resize.disconnect();
      element.removeEventListener('pointerdown', down);
      element.removeEventListener('pointermove', move);
      element.removeEventListener('pointerup', up);
      element.removeEventListener('pointercancel', cancel);
      element.removeEventListener('keydown', key);
      element.removeEventListener('wheel', wheel);
      if (state.frame !== 0) cancelAnimationFrame(state.frame);
      state.frame = 0;
      delete element.screenPositionOf;
    };
  }, []);

  return (
    <div ref={container} className="graph-canvas">
      <canvas
        ref={canvas}
        className="graph-paint"
        role="img"
        tabIndex={0}
        aria-label={graphLabel(graph.nodes.length, graph.edges.length)}
      />
    </div>
  );
}
