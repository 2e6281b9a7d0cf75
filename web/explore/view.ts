/**
 * The explorer's view, as the URL holds it: what is drawn (an entity's neighbourhood, with its
 * depth, filters and expanded nodes, or a path between two entities) and what is selected. Parsing
 * and printing are pure, so a deep link, back and forward all go through the same two functions.
 *
 *   /explore?entity=<id>&depth=2&stance=COOPERATIVE&modality=ASSERTED,PLANNED&type=ALLY_OF
 *   /explore?from=<id>&to=<id>&stance=COOPERATIVE
 *   …&expand=<id>,<id>&select=edge:<id>   (or node:<id>, doc:<id>)
 */
import type { ExplorerNeighborhoodQueryVariables, ExplorerPathQueryVariables, Modality, RelationType, RelationshipFilter, Stance } from '../../src/generated/web/graphql';

export const STANCES: readonly Stance[] = ['COOPERATIVE', 'NEUTRAL', 'ADVERSARIAL'];
export const MODALITIES: readonly Modality[] = ['ASSERTED', 'PLANNED', 'ATTRIBUTED'];
export const RELATION_TYPES: readonly RelationType[] = [
  'MEMBER_OF', 'LEADS', 'ALLY_OF', 'PARTNER_OF', 'ESTABLISHES', 'LOCATED_IN', 'CONSULTS',
  'COOPERATES_WITH', 'SHARES_VALUES_WITH', 'COUNTERS', 'CONCERNED_ABOUT', 'CHALLENGES', 'ACTIVE_IN', 'NEAR',
];
export const DEPTHS = [1, 2, 3] as const;
export type Depth = (typeof DEPTHS)[number];

/** Each list empty means "all" (no filter on that criterion), as in RelationshipFilter. */
export interface Filters {
  stances: Stance[];
  modalities: Modality[];
  types: RelationType[];
}

export type Selection = { kind: 'node' | 'edge' | 'doc'; id: string };

export type Graph =
  | { mode: 'none' }
  | { mode: 'neighborhood'; entity: string; depth: Depth; expand: string[] }
  | { mode: 'path'; from: string; to: string };

export interface View {
  graph: Graph;
  filters: Filters;
  selection: Selection | undefined;
}

export const EMPTY_VIEW: View = { graph: { mode: 'none' }, filters: { stances: [], modalities: [], types: [] }, selection: undefined };

function list<T extends string>(value: string | null, allowed: readonly T[]): T[] {
  if (value === null || value === '') return [];
  const wanted = new Set(value.split(','));
  // In the vocabulary's order, so equal filters print equally; unknown words are dropped.
  return allowed.filter((v) => wanted.has(v));
}

export function parseView(search: string): View {
  const params = new URLSearchParams(search);
  const filters: Filters = {
    stances: list(params.get('stance'), STANCES),
    modalities: list(params.get('modality'), MODALITIES),
    types: list(params.get('type'), RELATION_TYPES),
  };
  const select = /^(node|edge|doc):(.+)$/.exec(params.get('select') ?? '');
  const selection = select === null ? undefined : { kind: select[1] as Selection['kind'], id: select[2] ?? '' };
  const from = params.get('from');
  const to = params.get('to');
  const entity = params.get('entity');
  let graph: Graph = { mode: 'none' };
  if (from !== null && from !== '' && to !== null && to !== '') {
    graph = { mode: 'path', from, to };
  } else if (entity !== null && entity !== '') {
    const depth = Number(params.get('depth') ?? '1');
    const expand = (params.get('expand') ?? '').split(',').filter((id) => id !== '' && id !== entity);
    graph = { mode: 'neighborhood', entity, depth: (DEPTHS as readonly number[]).includes(depth) ? (depth as Depth) : 1, expand: [...new Set(expand)] };
  }
  return { graph, filters, selection };
}

export function printView(view: View): string {
  const params = new URLSearchParams();
  const { graph, filters, selection } = view;
  if (graph.mode === 'neighborhood') {
    params.set('entity', graph.entity);
    params.set('depth', String(graph.depth));
    if (graph.expand.length > 0) params.set('expand', graph.expand.join(','));
  } else if (graph.mode === 'path') {
    params.set('from', graph.from);
    params.set('to', graph.to);
  }
  if (filters.stances.length > 0) params.set('stance', filters.stances.join(','));
  if (filters.modalities.length > 0) params.set('modality', filters.modalities.join(','));
  if (filters.types.length > 0) params.set('type', filters.types.join(','));
  if (selection !== undefined) params.set('select', `${selection.kind}:${selection.id}`);
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

/** The server-side filter; undefined when nothing is filtered. */
export function relationshipFilter(filters: Filters): RelationshipFilter | undefined {
  const filter: RelationshipFilter = {};
  if (filters.stances.length > 0) filter.stances = filters.stances;
  if (filters.modalities.length > 0) filter.modalities = filters.modalities;
  if (filters.types.length > 0) filter.types = filters.types;
  return Object.keys(filter).length === 0 ? undefined : filter;
}

/** The variables of the neighbourhood request for one centre (the first at the view's depth, expanded ones at 1). */
export function neighborhoodVariables(entityId: string, depth: Depth, filters: Filters): ExplorerNeighborhoodQueryVariables {
  return { entityId, depth, filter: relationshipFilter(filters) };
}

export function pathVariables(graph: Extract<Graph, { mode: 'path' }>, filters: Filters): ExplorerPathQueryVariables {
  return { fromId: graph.from, toId: graph.to, filter: relationshipFilter(filters) };
}

/**
 * Toggles one value of a criterion. The lists hold what is shown, "all" being the empty list;
 * hiding the last value shown is not offered (the UI disables it), so no filter hides everything.
 */
export function toggle<T extends string>(current: readonly T[], all: readonly T[], value: T): T[] {
  const shown = current.length === 0 ? [...all] : [...current];
  const next = shown.includes(value) ? shown.filter((v) => v !== value) : all.filter((v) => v === value || shown.includes(v));
  if (next.length === 0) return [...current];
  return next.length === all.length ? [] : next;
}
