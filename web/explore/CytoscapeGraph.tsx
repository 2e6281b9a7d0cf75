/**
 * The drawing of a small graph (up to LARGE_GRAPH_NODES nodes): cytoscape.js on a canvas, laid out
 * by fcose. Loaded apart from the app (Graph.tsx), so a page that shows a large graph never loads it.
 */
import cytoscape, { type Core, type ElementDefinition, type StylesheetJson } from 'cytoscape';
import fcose from 'cytoscape-fcose';
import { useEffect, useRef } from 'react';
import { KIND_STYLE, MODALITY_STYLE, STANCE_STYLE, words } from './legend';
import type { GraphProps, Inspectable } from './Graph';
import { actorPair, graphLabel, KEY_PAN_PX, KEY_ZOOM } from './scene';
import type { DrawnGraph } from './useGraph';

cytoscape.use(fcose);

// Cytoscape adds a <style> element for one rule of its own unless an element with this id exists;
// under the page's CSP (style-src 'self', no inline styles) that insertion is refused and logged.
// explore.css holds the rule, and this marker tells cytoscape it is there.
const CYTOSCAPE_STYLESHEET_ID = '__________cytoscape_stylesheet';
if (document.getElementById(CYTOSCAPE_STYLESHEET_ID) === null) {
  const marker = document.createElement('meta');
  marker.id = CYTOSCAPE_STYLESHEET_ID;
  document.head.append(marker);
}

const kindClass = (kind: string): string => `kind-${kind.toLowerCase()}`;
const stanceClass = (stance: string): string => `stance-${stance.toLowerCase()}`;
const modalityClass = (modality: string): string => `modality-${modality.toLowerCase()}`;

/**
 * Kind, stance and modality are classes with fixed values, not data() mappers: cytoscape shares
 * the parsed style of elements that match the same selectors, and a mapper is evaluated for each
 * element. Labels on edges only where they are drawn (few edges): their properties cost even when
 * the label is empty. Measured at 500 nodes and 1,736 edges (when cytoscape still drew large graphs),
 * the first frame spent most of its time applying the stylesheet.
 */
const STYLE: StylesheetJson = [
  {
    selector: 'node',
    style: {
      label: 'data(label)',
      width: 26,
      height: 26,
      color: '#111',
      'font-size': 12,
      'text-valign': 'bottom',
      'text-margin-y': 4,
      'text-background-color': '#fff',
      'text-background-opacity': 0.85,
      'text-background-padding': '2px',
      // Labels too small to read at the current zoom are not drawn: a 500-node neighbourhood fits
      // the screen at a zoom where every label would be a few pixels high, and drawing them (with
      // their backgrounds) was much of the time to a first frame. Zooming in brings them back.
      'min-zoomed-font-size': 7,
    },
  },
  ...Object.entries(KIND_STYLE).map(([kind, { color, shape }]) => ({ selector: `node.${kindClass(kind)}`, style: { 'background-color': color, shape } })),
  { selector: 'node.centre', style: { width: 38, height: 38, 'border-width': 3, 'border-color': '#111' } },
  { selector: 'edge', style: { width: 2, 'target-arrow-shape': 'triangle', 'curve-style': 'bezier' } },
  ...Object.entries(STANCE_STYLE).map(([stance, { color }]) => ({
    selector: `edge.${stanceClass(stance)}`,
    style: { 'line-color': color, 'target-arrow-color': color, 'mid-target-arrow-color': color },
  })),
  ...Object.entries(MODALITY_STYLE).map(([modality, { line }]) => ({ selector: `edge.${modalityClass(modality)}`, style: { 'line-style': line } })),
  {
    selector: 'edge.labelled',
    style: {
      label: 'data(label)',
      'font-size': 10,
      color: '#222',
      'text-rotation': 'autorotate',
      'text-background-color': '#fff',
      'text-background-opacity': 0.85,
      'text-background-padding': '1px',
    },
  },
  // Many edges: haystack lines (straight, no routing between parallel edges) are the cheapest
  // cytoscape draws; the direction shows as an arrow at the middle, since haystack edges have no
  // end arrows. Relationships between the same two actors would lie on one line, so those are
  // bezier curves, which cytoscape fans apart.
  {
    selector: 'edge.many',
    style: { 'curve-style': 'haystack', 'haystack-radius': 0, width: 1.5, 'target-arrow-shape': 'none', 'mid-target-arrow-shape': 'triangle', 'arrow-scale': 0.8 },
  },
  { selector: 'edge.many.parallel', style: { 'curve-style': 'bezier' } },
  { selector: '.path', style: { width: 5, 'border-width': 4, 'border-color': '#e0a800', 'z-index': 10 } },
  { selector: 'edge.path', style: { 'line-color': '#e0a800', 'target-arrow-color': '#e0a800', 'mid-target-arrow-color': '#e0a800' } },
  { selector: ':selected, .selected', style: { 'overlay-color': '#1f5fa8', 'overlay-opacity': 0.25, 'overlay-padding': 6 } },
] as StylesheetJson;

const EDGE_LABEL_LIMIT = 300;

function elements(graph: DrawnGraph): ElementDefinition[] {
  const nodes: ElementDefinition[] = graph.nodes.map((n) => ({
    group: 'nodes',
    data: { id: n.id, label: n.name },
    classes: [kindClass(n.kind), graph.centre.has(n.id) ? 'centre' : '', graph.path.has(n.id) ? 'path' : ''].filter(Boolean).join(' '),
  }));
  // Past a few hundred edges their labels are unreadable anyway, and measuring and placing them
  // (rotated, with backgrounds) was most of the time to a first drawing; the list and the
  // panels name every relation.
  const labelled = graph.edges.length <= EDGE_LABEL_LIMIT;
  const pair = (e: DrawnGraph['edges'][number]): string => actorPair(e.source.id, e.target.id);
  const between = new Map<string, number>();
  for (const e of graph.edges) between.set(pair(e), (between.get(pair(e)) ?? 0) + 1);
  const edges: ElementDefinition[] = graph.edges.map((e) => ({
    group: 'edges',
    data: { id: e.id, source: e.source.id, target: e.target.id, label: labelled ? words(e.type) : '' },
    classes: [stanceClass(e.stance), modalityClass(e.modality), labelled ? 'labelled' : 'many', (between.get(pair(e)) ?? 0) > 1 ? 'parallel' : '', graph.path.has(e.id) ? 'path' : '']
      .filter(Boolean)
      .join(' '),
  }));
  return [...nodes, ...edges];
}

export default function CytoscapeGraph({ graph, selection, onSelect }: GraphProps) {
  const container = useRef<HTMLDivElement>(null);
  const cy = useRef<Core | undefined>(undefined);
  const select = useRef(onSelect);
  select.current = onSelect;

  useEffect(() => {
    if (container.current === null) return;
    const instance = cytoscape({ container: container.current, style: STYLE, minZoom: 0.1, maxZoom: 4, boxSelectionEnabled: false });
    instance.on('tap', 'node', (event: cytoscape.EventObjectNode) => select.current({ kind: 'node', id: event.target.id() }));
    instance.on('tap', 'edge', (event: cytoscape.EventObjectEdge) => select.current({ kind: 'edge', id: event.target.id() }));
    const box: HTMLDivElement & Inspectable = container.current;
    // For tests: where an element is drawn, and the zoom and pan, as the large-graph canvas reports them.
    box.screenPositionOf = (id) => {
      const element = instance.getElementById(id);
      if (element.empty()) return null;
      return element.isNode() ? element.renderedPosition() : (element as cytoscape.EdgeSingular).renderedMidpoint();
    };
    instance.on('viewport', () => {
      box.dataset.viewport = `${instance.zoom()} ${instance.pan().x} ${instance.pan().y}`;
    });
    // The same keys as the large-graph canvas (scene.ts): arrows pan, + and − zoom around the middle, 0 fits.
    const key = (event: KeyboardEvent): void => {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      const middle = { x: instance.width() / 2, y: instance.height() / 2 };
      const pan: Record<string, [number, number]> = { ArrowLeft: [KEY_PAN_PX, 0], ArrowRight: [-KEY_PAN_PX, 0], ArrowUp: [0, KEY_PAN_PX], ArrowDown: [0, -KEY_PAN_PX] };
      const by = pan[event.key];
      if (by !== undefined) instance.panBy({ x: by[0], y: by[1] });
      else if (event.key === '+' || event.key === '=') instance.zoom({ level: instance.zoom() * KEY_ZOOM, renderedPosition: middle });
      else if (event.key === '-') instance.zoom({ level: instance.zoom() / KEY_ZOOM, renderedPosition: middle });
      else if (event.key === '0') instance.fit(undefined, 30);
      else return;
      event.preventDefault();
    };
    box.addEventListener('keydown', key);
    cy.current = instance;
    return () => {
      box.removeEventListener('keydown', key);
      delete box.screenPositionOf;
      instance.destroy();
      cy.current = undefined;
    };
  }, []);

  useEffect(() => {
    const instance = cy.current;
    if (instance === undefined) return;
    performance.mark('graph-draw-start');
    const wanted = elements(graph);
    const ids = new Set(wanted.map((e) => e.data.id));
    const had = new Set(instance.elements().map((e) => e.id()));
    instance.batch(() => {
      instance.elements().filter((e) => !ids.has(e.id())).remove();
      const added: ElementDefinition[] = [];
      for (const element of wanted) {
        const existing = instance.getElementById(element.data.id ?? '');
        if (existing.nonempty()) {
          existing.data(element.data);
          existing.classes(element.classes ?? '');
        } else {
          added.push(element);
        }
      }
      // One add for all: cytoscape indexes a collection once rather than once per element.
      instance.add(added);
    });
    performance.mark('graph-elements-added');
    const changed = wanted.some((e) => !had.has(e.data.id ?? '')) || had.size !== ids.size;
    if (changed && instance.nodes().length > 0) {
      // Nodes already placed stay near where they were; only a first drawing starts from scratch.
      instance
        .layout({ name: 'fcose', quality: 'default', randomize: had.size === 0, animate: false, nodeRepulsion: () => 9000, idealEdgeLength: () => 110, fit: true, padding: 30 } as cytoscape.LayoutOptions)
        .run();
    }
    performance.mark('graph-laid-out');
    // For tests and the benchmark: how many nodes are drawn, and when the first frame showing them
    // was rendered (ms since navigation), from which the graph answers input.
    const drawn = { nodes: instance.nodes().length, edges: instance.edges().length };
    instance.one('render', () => {
      if (container.current === null) return;
      container.current.dataset.drawnNodes = String(drawn.nodes);
      container.current.dataset.drawnEdges = String(drawn.edges);
      container.current.dataset.drawnAt = String(Math.round(performance.now()));
    });
  }, [graph]);

  useEffect(() => {
    const instance = cy.current;
    if (instance === undefined) return;
    instance.elements('.selected').removeClass('selected');
    if (selection !== undefined && selection.kind !== 'doc') instance.getElementById(selection.id).addClass('selected');
  }, [selection, graph]);

  return (
    <div
      ref={container}
      className="graph-canvas"
      role="img"
      tabIndex={0}
      aria-label={graphLabel(graph.nodes.length, graph.edges.length)}
    />
  );
}
