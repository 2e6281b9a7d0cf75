/**
 * A chosen relationship and its evidence: each quote inside its paragraph, the quote itself in a
 * <mark>, with the document's title, link and date. With a token, it can be retracted here.
 */
import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { ExplorerRelationshipDocument, ExplorerRetractRelationshipDocument } from '../../src/generated/web/graphql';
import { MODALITY_STYLE, STANCE_STYLE, words } from './legend';
import { useToken } from './useToken';
import { paragraphAround } from './text';
import { describe } from './useGraph';
import type { Selection } from './view';

export function EdgePanel({ id, revision, onSelect }: { id: string; revision: number; onSelect: (s: Selection) => void }) {
  const { data, loading, error } = useQuery(ExplorerRelationshipDocument, { variables: { id }, fetchPolicy: revision === 0 ? 'cache-first' : 'network-only' });
  if (error !== undefined) return <p className="problem" role="alert">{describe(error)}</p>;
  if (data === undefined) return <p aria-busy="true">{loading ? 'Loading…' : ''}</p>;
  const r = data.node;
  if (r === null || !('type' in r)) return <p>No relationship has the id {id}.</p>;
  return (
    <article className="card" aria-labelledby="edge-title">
      <h2 id="edge-title">
        {r.source.name} {words(r.type)} {r.target.name}
      </h2>
      <p>
        <span style={{ color: STANCE_STYLE[r.stance].color }}>{STANCE_STYLE[r.stance].label}</span>, {MODALITY_STYLE[r.modality].label.toLowerCase()}
        {r.attributedTo !== null && <> (according to {r.attributedTo.name})</>}.
      </p>
      {r.retraction !== null && (
        <p className="retracted">
          Retracted by {r.retraction.by} on {new Date(r.retraction.at).toLocaleString()}: {r.retraction.reason}
        </p>
      )}
      <h3>Evidence</h3>
      <ol className="evidence">
        {r.evidence.map((e) => {
          const paragraph = paragraphAround(e.document.text, e.start, e.end);
          return (
            <li key={`${e.document.id}:${e.start}`}>
              <blockquote>
                {paragraph.before}
                <mark>{paragraph.quote}</mark>
                {paragraph.after}
              </blockquote>
              <p className="source">
                <button type="button" className="linklike" onClick={() => onSelect({ kind: 'doc', id: e.document.id })}>
                  {e.document.title}
                </button>
                {e.document.publishedAt !== null && <>, {new Date(e.document.publishedAt).toLocaleDateString()}</>}
                {e.document.url !== null && (
                  <>
                    {' · '}
                    <a href={e.document.url} rel="noreferrer noopener" target="_blank">
                      source
                    </a>
                  </>
                )}
              </p>
            </li>
          );
        })}
      </ol>
      {r.retraction === null && <RetractForm id={r.id} />}
    </article>
  );
}

function RetractForm({ id }: { id: string }) {
  const token = useToken();
  const [reason, setReason] = useState('');
  const [retract, { loading, error, data }] = useMutation(ExplorerRetractRelationshipDocument);
  if (token === '') return <p className="hint">Paste a token (top right) to retract or state relationships.</p>;
  return (
    <form
      className="curation"
      onSubmit={(event) => {
        event.preventDefault();
        retract({ variables: { id, reason } }).catch(() => undefined);
      }}
    >
      <h3>Retract</h3>
      <label htmlFor="retract-reason">Reason</label>
      <input id="retract-reason" required value={reason} onChange={(event) => setReason(event.target.value)} />
      <button type="submit" disabled={loading || reason.trim() === ''}>
        Retract this relationship
      </button>
      {error !== undefined && (
        <p className="problem" role="alert">
          {describe(error)}
        </p>
      )}
      {data !== undefined && <p role="status">Retracted.</p>}
    </form>
  );
}
