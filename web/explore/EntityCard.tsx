/** The card of a chosen actor: who it is, how often documents name it, and its relationships. */
import { useQuery } from '@apollo/client/react';
import { ExplorerEntityCardDocument } from '../../src/generated/web/graphql';
import { KIND_STYLE, STANCE_STYLE, words } from './legend';
import { describe } from './useGraph';
import type { Selection } from './view';

export function EntityCard({ id, revision, onSelect, onExpand, onCentre, expandable }: {
  id: string;
  revision: number;
  onSelect: (s: Selection) => void;
  onExpand: (id: string) => void;
  onCentre: (id: string) => void;
  expandable: boolean;
}) {
  const { data, loading, error } = useQuery(ExplorerEntityCardDocument, { variables: { id }, fetchPolicy: revision === 0 ? 'cache-first' : 'network-only' });
  if (error !== undefined) return <p className="problem" role="alert">{describe(error)}</p>;
  if (data === undefined) return <p aria-busy="true">{loading ? 'Loading…' : ''}</p>;
  const entity = data.entity;
  if (entity === null) return <p>No actor has the id {id}.</p>;
  return (
    <article className="card" aria-labelledby="card-title">
      <h2 id="card-title">{entity.name}</h2>
      <dl>
        <dt>Kind</dt>
        <dd>{KIND_STYLE[entity.kind].label}</dd>
        {entity.aliases.length > 0 && (
          <>
            <dt>Also called</dt>
            <dd>{entity.aliases.join(', ')}</dd>
          </>
        )}
        {entity.description !== null && (
          <>
            <dt>Description</dt>
            <dd>{entity.description}</dd>
          </>
        )}
        {entity.wikidataId !== null && (
          <>
            <dt>Wikidata</dt>
            <dd>
              <a href={`https://www.wikidata.org/wiki/${encodeURIComponent(entity.wikidataId)}`} rel="noreferrer noopener" target="_blank">
                {entity.wikidataId}
              </a>
            </dd>
          </>
        )}
        {entity.iso3 !== null && (
          <>
            <dt>ISO code</dt>
            <dd>{entity.iso3}</dd>
          </>
        )}
        <dt>Mentions</dt>
        <dd data-testid="mention-count">{entity.mentions.length}</dd>
        <dt>Relationships</dt>
        <dd data-testid="relationship-count">{entity.relationships.totalCount}</dd>
      </dl>
      <div className="actions">
        {expandable && (
          <button type="button" onClick={() => onExpand(entity.id)}>
            Expand its neighbourhood
          </button>
        )}
        <button type="button" onClick={() => onCentre(entity.id)}>
          Centre the graph on it
        </button>
      </div>
      <h3>Relationships</h3>
      <ul className="relationships">
        {entity.relationships.nodes.map((r) => (
          <li key={r.id}>
            <button type="button" className="linklike" onClick={() => onSelect({ kind: 'edge', id: r.id })}>
              {r.source.name} <span style={{ color: STANCE_STYLE[r.stance].color }}>{words(r.type)}</span> {r.target.name}
            </button>
          </li>
        ))}
      </ul>
      {entity.relationships.totalCount > entity.relationships.nodes.length && <p>and {entity.relationships.totalCount - entity.relationships.nodes.length} more.</p>}
    </article>
  );
}
