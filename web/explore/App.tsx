/**
 * The explorer: search, the graph and its text twin, filters and legend, the panel of what is
 * chosen, the path finder, and live updates. The view lives in the URL (view.ts): every change of
 * view is a history entry, so links can be shared and back and forward work.
 */
import { useSubscription } from '@apollo/client/react';
import { useCallback, useDeferredValue, useEffect, useMemo, useState } from 'react';
import { ExplorerChangesDocument } from '../../src/generated/web/graphql';
import { DocumentView } from './DocumentView';
import { EdgePanel } from './EdgePanel';
import { EntityCard } from './EntityCard';
import { Graph } from './Graph';
import { KIND_STYLE, MODALITY_STYLE, STANCE_STYLE, words } from './legend';
import { lastConnectedAt, onConnected } from './live';
import { whenIdle } from './idle';
import { SearchBox } from './SearchBox';
import { setToken } from './session';
import { useToken } from './useToken';
import { useGraph, type DrawnGraph } from './useGraph';
import { DEPTHS, MODALITIES, parseView, printView, RELATION_TYPES, STANCES, toggle, type Filters, type Selection, type View } from './view';

function useView(): [View, (next: View) => void] {
  const [view, setView] = useState(() => parseView(location.search));
  useEffect(() => {
    const onPop = (): void => setView(parseView(location.search));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const navigate = useCallback((next: View) => {
    const search = printView(next);
    if (search !== location.search) history.pushState(null, '', `${location.pathname}${search}`);
    setView(next);
  }, []);
  return [view, navigate];
}

export function App() {
  const [view, navigate] = useView();
  const [revision, setRevision] = useState(0);
  const state = useGraph(view.graph, view.filters, revision);
  const graph = state.graph;
  const names = useMemo(() => new Map(graph.nodes.map((n) => [n.id, n.name])), [graph]);

  // Live: a change that touches what is drawn (or that re-seeded the graph) redraws it from the API.
  const visible = useMemo(() => new Set(graph.nodes.map((n) => n.id)), [graph]);
  // A graph read before the live connection opened may lack a change made in between: read again,
  // once the browser is idle, so that it never holds up drawing the graph just read.
  const readAt = state.status === 'ready' ? state.requestedAt : undefined;
  useEffect(() => {
    if (readAt === undefined) return;
    let cancel: (() => void) | undefined;
    const check = (): void => {
      const connectedAt = lastConnectedAt();
      if (cancel !== undefined || connectedAt === undefined || readAt >= connectedAt) return;
      cancel = whenIdle(() => setRevision((r) => r + 1), 2000);
    };
    check();
    const off = onConnected(check);
    return () => {
      off();
      cancel?.();
    };
  }, [readAt]);
  useSubscription(ExplorerChangesDocument, {
    onData: ({ data }) => {
      const change = data.data?.changes;
      if (change === undefined) return;
      const node = change.node;
      const ends = node !== null && 'source' in node ? [node.source.id, node.target.id] : [];
      const touches = change.kind === 'SEEDED' || [change.nodeId ?? '', ...ends].some((id) => visible.has(id)) || (view.selection !== undefined && change.nodeId === view.selection.id);
      if (touches) setRevision((r) => r + 1);
    },
  });

  const select = (selection: Selection | undefined): void => navigate({ ...view, selection });
  const setFilters = (filters: Filters): void => navigate({ ...view, filters });
  const centre = (id: string): void => navigate({ graph: { mode: 'neighborhood', entity: id, depth: view.graph.mode === 'neighborhood' ? view.graph.depth : 1, expand: [] }, filters: view.filters, selection: { kind: 'node', id } });

  return (
    <div className="explorer">
      <header>
        <h1>
          <a href="/explore">actor-graph explorer</a>
        </h1>
        <SearchBox label="Find an actor" placeholder="NATO, Japan, China…" onPick={(entity) => centre(entity.id)} />
        <TokenBox />
      </header>
      <aside className="controls" aria-label="View">
        {view.graph.mode === 'neighborhood' && (
          <fieldset>
            <legend>Depth</legend>
            {DEPTHS.map((d) => (
              <label key={d} className="choice">
                <input
                  type="radio"
                  name="depth"
                  checked={view.graph.mode === 'neighborhood' && view.graph.depth === d}
                  onChange={() => view.graph.mode === 'neighborhood' && navigate({ ...view, graph: { ...view.graph, depth: d } })}
                />
                {d}
              </label>
            ))}
          </fieldset>
        )}
        <PathFinder view={view} navigate={navigate} names={names} />
        <FilterBox filters={view.filters} onChange={setFilters} />
        <Legend />
      </aside>
      <main>
        <Status state={state} view={view} />
        <Graph graph={graph} selection={view.selection} onSelect={select} awaiting={state.status === 'loading'} />
        {graph.steps !== undefined && <PathSteps graph={graph} names={names} onSelect={select} />}
        <GraphList graph={graph} names={names} selection={view.selection} onSelect={select} />
      </main>
      <section className="details" aria-label="Details">
        {view.selection === undefined && <p className="hint">Choose an actor or a relationship, in the graph or in the list, to see it here.</p>}
        {view.selection?.kind === 'node' && (
          <EntityCard
            id={view.selection.id}
            revision={revision}
            onSelect={select}
            onCentre={centre}
            expandable={view.graph.mode === 'neighborhood' && view.graph.entity !== view.selection.id && !view.graph.expand.includes(view.selection.id)}
            onExpand={(id) => view.graph.mode === 'neighborhood' && navigate({ ...view, graph: { ...view.graph, expand: [...view.graph.expand, id] } })}
          />
        )}
        {view.selection?.kind === 'edge' && <EdgePanel id={view.selection.id} revision={revision} onSelect={select} />}
        {view.selection?.kind === 'doc' && <DocumentView id={view.selection.id} revision={revision} onSelect={select} />}
      </section>
    </div>
  );
}

function Status({ state, view }: { state: ReturnType<typeof useGraph>; view: View }) {
  if (state.status === 'error') {
    return (
      <p className="problem" role="alert">
        {state.message} Trying again in a few seconds…
      </p>
    );
  }
  if (state.status === 'loading') return <p role="status" aria-busy="true">Loading…</p>;
  if (view.graph.mode === 'none') return <p role="status">Find an actor to draw its neighbourhood, or find a path between two.</p>;
  return (
    <p role="status">
      {state.graph.nodes.length} actors, {state.graph.edges.length} relationships{state.graph.truncated ? ' (cut short: the neighbourhood is larger than the server draws)' : ''}.
    </p>
  );
}

/** The graph as text: every node and edge in view, each a button doing what a tap in the graph does. */
const collator = new Intl.Collator();

function GraphList({ graph: current, names, selection, onSelect }: { graph: DrawnGraph; names: Map<string, string>; selection: Selection | undefined; onSelect: (s: Selection) => void }) {
  // Rendered after the drawing, at low priority: thousands of list items must not hold up the graph.
  const graph = useDeferredValue(current);
  const nodes = useMemo(() => [...graph.nodes].sort((a, b) => collator.compare(a.name, b.name)), [graph]);
  const edges = useMemo(
    () => [...graph.edges].sort((a, b) => collator.compare(names.get(a.source.id) ?? '', names.get(b.source.id) ?? '') || collator.compare(a.type, b.type)),
    [graph, names],
  );
  return (
    <section className="graph-list" aria-label="The graph as a list">
      <h2>Actors in view</h2>
      <ul data-testid="node-list">
        {nodes.map((n) => (
          <li key={n.id}>
            <button type="button" aria-pressed={selection?.id === n.id} data-id={n.id} onClick={() => onSelect({ kind: 'node', id: n.id })}>
              {n.name} <span className="kind">({KIND_STYLE[n.kind].label.toLowerCase()})</span>
            </button>
          </li>
        ))}
      </ul>
      <h2>Relationships in view</h2>
      <ul data-testid="edge-list">
        {edges.map((e) => (
          <li key={e.id}>
            <button type="button" aria-pressed={selection?.id === e.id} data-id={e.id} data-type={e.type} data-stance={e.stance} data-modality={e.modality} onClick={() => onSelect({ kind: 'edge', id: e.id })}>
              {names.get(e.source.id)} → {words(e.type)} → {names.get(e.target.id)}{' '}
              <span className="kind">
                ({STANCE_STYLE[e.stance].label.toLowerCase()}, {MODALITY_STYLE[e.modality].label.toLowerCase()})
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

function PathSteps({ graph, names, onSelect }: { graph: DrawnGraph; names: Map<string, string>; onSelect: (s: Selection) => void }) {
  if (graph.steps === null) {
    return (
      <p className="no-path" role="status" data-testid="path-steps">
        There is no path between these two actors with the current filters (within 6 steps).
      </p>
    );
  }
  if (graph.steps === undefined) return null;
  const { nodes, edges } = graph.steps;
  return (
    <section aria-label="Path">
      <h2>Path in {edges.length} steps</h2>
      <ol className="path-steps" data-testid="path-steps">
        {edges.map((e, i) => (
          <li key={e.id}>
            <button type="button" className="linklike" onClick={() => onSelect({ kind: 'edge', id: e.id })}>
              {nodes[i]?.name} — {names.get(e.source.id)} {words(e.type)} {names.get(e.target.id)} — {nodes[i + 1]?.name}
            </button>
            {e.evidence[0] !== undefined && <blockquote>“{e.evidence[0].quote}”</blockquote>}
          </li>
        ))}
      </ol>
    </section>
  );
}

function PathFinder({ view, navigate, names }: { view: View; navigate: (v: View) => void; names: Map<string, string> }) {
  const [from, setFrom] = useState<{ id: string; name: string } | undefined>(undefined);
  const [to, setTo] = useState<{ id: string; name: string } | undefined>(undefined);
  const path = view.graph.mode === 'path' ? view.graph : undefined;
  const fromNow = from ?? (path === undefined ? undefined : { id: path.from, name: names.get(path.from) ?? '' });
  const toNow = to ?? (path === undefined ? undefined : { id: path.to, name: names.get(path.to) ?? '' });
  const cooperativeOnly = view.filters.stances.length === 1 && view.filters.stances[0] === 'COOPERATIVE';
  return (
    <form
      className="path-finder"
      aria-label="Path finder"
      onSubmit={(event) => {
        event.preventDefault();
        if (fromNow !== undefined && toNow !== undefined) navigate({ graph: { mode: 'path', from: fromNow.id, to: toNow.id }, filters: view.filters, selection: undefined });
      }}
    >
      <fieldset>
        <legend>Path finder</legend>
        <SearchBox label="From" onPick={setFrom} initial={fromNow?.name ?? ''} />
        <SearchBox label="To" onPick={setTo} initial={toNow?.name ?? ''} />
        <label className="choice">
          <input type="checkbox" checked={cooperativeOnly} onChange={() => navigate({ ...view, filters: { ...view.filters, stances: cooperativeOnly ? [] : ['COOPERATIVE'] } })} />
          Cooperative only
        </label>
        <button type="submit" disabled={fromNow === undefined || toNow === undefined}>
          Find path
        </button>
      </fieldset>
    </form>
  );
}

function FilterBox({ filters, onChange }: { filters: Filters; onChange: (f: Filters) => void }) {
  const group = <T extends string>(title: string, all: readonly T[], current: T[], label: (v: T) => string, set: (values: T[]) => void) => {
    const shown = current.length === 0 ? all : current;
    return (
      <fieldset>
        <legend>{title}</legend>
        {all.map((value) => {
          const checked = shown.includes(value);
          return (
            <label key={value} className="choice">
              <input type="checkbox" checked={checked} disabled={checked && shown.length === 1} onChange={() => set(toggle(current, all, value))} />
              {label(value)}
            </label>
          );
        })}
      </fieldset>
    );
  };
  return (
    <div className="filters" aria-label="Filters">
      {group('Stance', STANCES, filters.stances, (s) => STANCE_STYLE[s].label, (stances) => onChange({ ...filters, stances }))}
      {group('Modality', MODALITIES, filters.modalities, (m) => MODALITY_STYLE[m].label, (modalities) => onChange({ ...filters, modalities }))}
      <details>
        <summary>Relation types{filters.types.length > 0 ? ` (${filters.types.length} of ${RELATION_TYPES.length})` : ''}</summary>
        {group('Relation type', RELATION_TYPES, filters.types, words, (types) => onChange({ ...filters, types }))}
      </details>
    </div>
  );
}

function Legend() {
  return (
    <section className="legend" aria-label="Legend">
      <h2>Legend</h2>
      <ul>
        {Object.entries(KIND_STYLE).map(([kind, s]) => (
          <li key={kind}>
            <span className={`swatch shape-${s.shape}`} style={{ background: s.color }} aria-hidden="true" /> {s.label}
          </li>
        ))}
        {Object.entries(STANCE_STYLE).map(([stance, s]) => (
          <li key={stance}>
            <span className="line" style={{ borderTopColor: s.color }} aria-hidden="true" /> {s.label}
          </li>
        ))}
        {Object.entries(MODALITY_STYLE).map(([modality, s]) => (
          <li key={modality}>
            <span className="line" style={{ borderTopStyle: s.line }} aria-hidden="true" /> {s.label}
          </li>
        ))}
        <li>
          <span aria-hidden="true">→</span> from source to target; labels name the relation
        </li>
      </ul>
    </section>
  );
}

function TokenBox() {
  const token = useToken();
  const [draft, setDraft] = useState('');
  if (token !== '') {
    return (
      <div className="token">
        <span role="status">Curation on (token kept for this browser session).</span>
        <button type="button" onClick={() => setToken('')}>
          Forget token
        </button>
      </div>
    );
  }
  return (
    <form
      className="token"
      onSubmit={(event) => {
        event.preventDefault();
        setToken(draft);
        setDraft('');
      }}
    >
      <label htmlFor="token-input">Curation token</label>
      <input id="token-input" type="password" autoComplete="off" value={draft} onChange={(event) => setDraft(event.target.value)} placeholder="paste a JWT" />
      <button type="submit" disabled={draft.trim() === ''}>
        Use
      </button>
    </form>
  );
}
