/**
 * The graph drawing. It draws what it is given and reports taps; what is drawn and what is selected
 * live in the view (the URL), not in here. Small graphs are drawn by cytoscape.js, laid out by fcose
 * (CytoscapeGraph.tsx); large ones, and the empty graph while an answer is awaited, by the
 * explorer's own canvas (CanvasGraph.tsx). Cytoscape and fcose, most of the app's code, load apart:
 * when the browser is idle and no graph is awaited, or when a small graph needs them first.
 */
import { lazy, Suspense, useEffect } from 'react';
import { CanvasGraph } from './CanvasGraph';
import { whenIdle } from './idle';
import { LARGE_GRAPH_NODES } from './scene';
import type { DrawnGraph } from './useGraph';
import type { Selection } from './view';

export type GraphProps = { graph: DrawnGraph; selection: Selection | undefined; onSelect: (s: Selection) => void };

/** For tests and tools, on the element each drawing is made in: where an element is on screen (a node's centre, an edge's middle), in CSS pixels from that element's top left corner. */
export interface Inspectable {
  screenPositionOf?: (id: string) => { x: number; y: number } | null;
}

const loadCytoscapeGraph = () => import('./CytoscapeGraph');
const CytoscapeGraph = lazy(loadCytoscapeGraph);

/** `awaiting`: a graph is being fetched. Loading cytoscape meanwhile would take the processor from drawing the answer (and, on a machine shared with the API, from the API). */
export function Graph({ awaiting, ...props }: GraphProps & { awaiting: boolean }) {
  // Loaded while nothing else happens, so that a small graph later draws at once.
  useEffect(() => (awaiting ? undefined : whenIdle(() => void loadCytoscapeGraph(), 5000)), [awaiting]);
  const { nodes } = props.graph;
  if (nodes.length === 0 || nodes.length > LARGE_GRAPH_NODES) return <CanvasGraph {...props} />;
  return (
    <Suspense fallback={<div className="graph-canvas" role="status" aria-label="Loading the graph drawing" />}>
      <CytoscapeGraph {...props} />
    </Suspense>
  );
}
