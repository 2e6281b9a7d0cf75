/**
 * What the graph shows for a view: the neighbourhood of the centre entity merged with those of the
 * expanded ones, or a path. Refetched from the network when `revision` changes (a live change
 * touched it); when the API does not answer, it says so and tries again by itself.
 */
import { useApolloClient } from '@apollo/client/react';
import { useEffect, useState } from 'react';
import { ExplorerNeighborhoodDocument, ExplorerPathDocument, type ExplorerNeighborhoodQuery, type ExplorerPathQuery } from '../../src/generated/web/graphql';
import { neighborhoodVariables, pathVariables, type Filters, type Graph } from './view';

export type DrawnNode = ExplorerNeighborhoodQuery['neighborhood']['nodes'][number];
export type DrawnEdge = ExplorerNeighborhoodQuery['neighborhood']['edges'][number];
export type PathEdge = NonNullable<ExplorerPathQuery['shortestPath']>['edges'][number];

export interface DrawnGraph {
  nodes: DrawnNode[];
  edges: DrawnEdge[];
  /** Entities whose neighbourhood is drawn (the centre and the expanded ones), or a path's ends. */
  centre: Set<string>;
  /** A path's nodes and edges, to highlight. */
  path: Set<string>;
  /** The path itself, step by step; undefined outside path mode, null when there is none. */
  steps: { nodes: DrawnNode[]; edges: PathEdge[] } | null | undefined;
  truncated: boolean;
}

export const EMPTY_GRAPH: DrawnGraph = { nodes: [], edges: [], centre: new Set(), path: new Set(), steps: undefined, truncated: false };

export type GraphState =
  | { status: 'idle' | 'loading'; graph: DrawnGraph }
  /** `requestedAt`: performance.now() when the answer was asked for. */
  | { status: 'ready'; graph: DrawnGraph; requestedAt: number }
  | { status: 'error'; graph: DrawnGraph; message: string };

const RETRY_MS = 3000;

export function useGraph(graph: Graph, filters: Filters, revision: number): GraphState {
  const client = useApolloClient();
  const [state, setState] = useState<GraphState>({ status: 'idle', graph: EMPTY_GRAPH });
  const key = JSON.stringify([graph, filters]);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (graph.mode === 'none') {
      setState({ status: 'idle', graph: EMPTY_GRAPH });
      return;
    }
    let current = true;
    setState((previous) => ({ status: 'loading', graph: previous.graph }));
    // Always from the API, and kept out of Apollo's normalised cache: normalising a 500-node,
    // 2,000-edge answer and reading it back took about a second in Chromium, longer than the
    // request. The panels (cards, evidence, documents) use the cache; the drawn graph is only
    // read here, and a live change or a retry asks again anyway.
    const fetchPolicy = 'no-cache';
    const load = async (): Promise<DrawnGraph> => {
      if (graph.mode === 'path') {
        const { data } = await client.query({ query: ExplorerPathDocument, variables: pathVariables(graph, filters), fetchPolicy });
        const path = data?.shortestPath ?? null;
        if (path === null) return { ...EMPTY_GRAPH, centre: new Set([graph.from, graph.to]), steps: null };
        return {
          nodes: path.nodes,
          edges: path.edges,
          centre: new Set([graph.from, graph.to]),
          path: new Set([...path.nodes.map((n) => n.id), ...path.edges.map((e) => e.id)]),
          steps: { nodes: path.nodes, edges: path.edges },
          truncated: false,
        };
      }
      const centres = [graph.entity, ...graph.expand];
      const answers = await Promise.all(
        centres.map((entityId, i) => client.query({ query: ExplorerNeighborhoodDocument, variables: neighborhoodVariables(entityId, i === 0 ? graph.depth : 1, filters), fetchPolicy })),
      );
      const nodes = new Map<string, DrawnNode>();
      const edges = new Map<string, DrawnEdge>();
      let truncated = false;
      for (const { data } of answers) {
        if (data === undefined) continue;
        for (const n of data.neighborhood.nodes) nodes.set(n.id, n);
        for (const e of data.neighborhood.edges) edges.set(e.id, e);
        truncated ||= data.neighborhood.truncated;
      }
      return { nodes: [...nodes.values()], edges: [...edges.values()], centre: new Set(centres.filter((id) => nodes.has(id))), path: new Set(), steps: undefined, truncated };
    };
    let retry: ReturnType<typeof setTimeout> | undefined;
    const requestedAt = performance.mark('graph-requested').startTime;
    load().then(
      (drawn) => {
        performance.mark('graph-answered');
        // An unchanged answer keeps the drawn graph as it is: nothing is laid out or drawn again.
        if (current) setState((previous) => ({ status: 'ready', graph: sameGraph(previous.graph, drawn) ? previous.graph : drawn, requestedAt }));
      },
      (e: unknown) => {
        if (!current) return;
        setState((previous) => ({ status: 'error', graph: previous.graph, message: describe(e) }));
        retry = setTimeout(() => setAttempt((n) => n + 1), RETRY_MS);
      },
    );
    return () => {
      current = false;
      if (retry !== undefined) clearTimeout(retry);
    };
    // `key` stands for graph and filters, compared by value.
  }, [key, revision, attempt, client]);

  return state;
}

function sameGraph(a: DrawnGraph, b: DrawnGraph): boolean {
  const text = (g: DrawnGraph): string => JSON.stringify([g.nodes, g.edges, [...g.centre], [...g.path], g.steps, g.truncated]);
  return a.nodes.length === b.nodes.length && a.edges.length === b.edges.length && text(a) === text(b);
}

/** An error as a sentence for people: the API's own message when it gave one. */
export function describe(e: unknown): string {
  const errors = (e as { errors?: { message?: string }[] } | null)?.errors;
  if (Array.isArray(errors) && errors.length > 0) return errors.map((x) => x.message ?? '').join('; ');
  if (e instanceof Error) return /fetch|network|Failed/i.test(e.message) ? 'The API does not answer.' : e.message;
  return String(e);
}
