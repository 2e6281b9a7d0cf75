/**
 * A document's whole text with every mention of a known actor highlighted. With a token, a passage
 * selected in the text becomes the quote of a relationship stated from the form below it.
 */
import { useMutation, useQuery } from '@apollo/client/react';
import { useRef, useState } from 'react';
import { ExplorerAssertRelationshipDocument, ExplorerDocumentDocument, type Modality, type RelationType, type Stance } from '../../src/generated/web/graphql';
import { MODALITY_STYLE, STANCE_STYLE, words } from './legend';
import { useToken } from './useToken';
import { occurrenceAt, segments } from './text';
import { describe } from './useGraph';
import { MODALITIES, RELATION_TYPES, STANCES, type Selection } from './view';

interface Passage {
  quote: string;
  start: number;
  occurrence: number;
}

export function DocumentView({ id, revision, onSelect }: { id: string; revision: number; onSelect: (s: Selection) => void }) {
  const { data, loading, error } = useQuery(ExplorerDocumentDocument, { variables: { id }, fetchPolicy: revision === 0 ? 'cache-first' : 'network-only' });
  const textRef = useRef<HTMLDivElement>(null);
  const [passage, setPassage] = useState<Passage | undefined>(undefined);
  if (error !== undefined) return <p className="problem" role="alert">{describe(error)}</p>;
  if (data === undefined) return <p aria-busy="true">{loading ? 'Loading…' : ''}</p>;
  const doc = data.document;
  if (doc === null) return <p>No document has the id {id}.</p>;
  const spans = doc.entities.flatMap((entity) => entity.mentions.filter((m) => m.document.id === doc.id).map((m) => ({ start: m.start, end: m.end, entityId: entity.id })));
  const names = new Map(doc.entities.map((e) => [e.id, e.name]));

  // The selection's offsets in the document text: every segment carries its start offset.
  const readSelection = (): void => {
    const selection = window.getSelection();
    if (selection === null || selection.rangeCount === 0 || selection.isCollapsed || textRef.current === null) return;
    const range = selection.getRangeAt(0);
    const offset = (node: Node, at: number): number | undefined => {
      const holder = (node.nodeType === Node.TEXT_NODE ? node.parentElement : (node as Element))?.closest<HTMLElement>('[data-start]');
      if (holder === null || holder === undefined || !textRef.current?.contains(holder)) return undefined;
      return Number(holder.dataset.start) + (node.nodeType === Node.TEXT_NODE ? at : 0);
    };
    const start = offset(range.startContainer, range.startOffset);
    const end = offset(range.endContainer, range.endOffset);
    if (start === undefined || end === undefined || end <= start) return;
    const quote = doc.text.slice(start, end);
    if (quote.trim() === '') return;
    setPassage({ quote, start, occurrence: occurrenceAt(doc.text, quote, start) });
  };

  return (
    <article className="card document" aria-labelledby="doc-title">
      <h2 id="doc-title">{doc.title}</h2>
      <p className="source">
        {doc.publishedAt !== null && <>{new Date(doc.publishedAt).toLocaleDateString()} · </>}
        {doc.url !== null && (
          <a href={doc.url} rel="noreferrer noopener" target="_blank">
            source
          </a>
        )}
        {' '}
        {spans.length} mentions of {doc.entities.length} actors, highlighted. Select a passage to state a relationship from it.
      </p>
      <div className="document-text" ref={textRef} onMouseUp={readSelection} onKeyUp={readSelection} tabIndex={0} aria-label="Document text">
        {segments(doc.text.length, spans).map((segment) =>
          segment.entityId === undefined ? (
            <span key={segment.start} data-start={segment.start}>
              {doc.text.slice(segment.start, segment.end)}
            </span>
          ) : (
            <mark
              key={segment.start}
              data-start={segment.start}
              className="mention"
              title={names.get(segment.entityId)}
              onClick={() => onSelect({ kind: 'node', id: segment.entityId ?? '' })}
            >
              {doc.text.slice(segment.start, segment.end)}
            </mark>
          ),
        )}
      </div>
      <AssertForm documentId={doc.id} passage={passage} actors={doc.entities} />
    </article>
  );
}

function AssertForm({ documentId, passage, actors }: { documentId: string; passage: Passage | undefined; actors: { id: string; name: string }[] }) {
  const token = useToken();
  const sorted = [...actors].sort((a, b) => a.name.localeCompare(b.name));
  const [sourceId, setSourceId] = useState('');
  const [targetId, setTargetId] = useState('');
  const [attributedToId, setAttributedToId] = useState('');
  const [type, setType] = useState<RelationType>('COOPERATES_WITH');
  const [stance, setStance] = useState<Stance>('COOPERATIVE');
  const [modality, setModality] = useState<Modality>('ASSERTED');
  const [assert, { loading, error, data, reset }] = useMutation(ExplorerAssertRelationshipDocument);
  if (token === '') return <p className="hint">Paste a token (top right) to state relationships from this document.</p>;
  const actorOptions = sorted.map((a) => (
    <option key={a.id} value={a.id}>
      {a.name}
    </option>
  ));
  return (
    <form
      className="curation"
      aria-labelledby="assert-title"
      onSubmit={(event) => {
        event.preventDefault();
        if (passage === undefined) return;
        reset();
        assert({
          variables: {
            input: {
              sourceId,
              type,
              targetId,
              stance,
              modality,
              attributedToId: modality === 'ATTRIBUTED' ? attributedToId : null,
              evidence: [{ documentId, quote: passage.quote, occurrence: passage.occurrence }],
            },
          },
        }).catch(() => undefined);
      }}
    >
      <h3 id="assert-title">State a relationship from the selected passage</h3>
      <p className="quote-preview" data-testid="selected-quote">
        {passage === undefined ? 'Select a passage in the text above.' : <mark>{passage.quote}</mark>}
      </p>
      <label htmlFor="assert-source">Source</label>
      <select id="assert-source" required value={sourceId} onChange={(event) => setSourceId(event.target.value)}>
        <option value="">choose…</option>
        {actorOptions}
      </select>
      <label htmlFor="assert-type">Relation</label>
      <select id="assert-type" value={type} onChange={(event) => setType(event.target.value as RelationType)}>
        {RELATION_TYPES.map((t) => (
          <option key={t} value={t}>
            {words(t)}
          </option>
        ))}
      </select>
      <label htmlFor="assert-target">Target</label>
      <select id="assert-target" required value={targetId} onChange={(event) => setTargetId(event.target.value)}>
        <option value="">choose…</option>
        {actorOptions}
      </select>
      <label htmlFor="assert-stance">Stance</label>
      <select id="assert-stance" value={stance} onChange={(event) => setStance(event.target.value as Stance)}>
        {STANCES.map((s) => (
          <option key={s} value={s}>
            {STANCE_STYLE[s].label}
          </option>
        ))}
      </select>
      <label htmlFor="assert-modality">Modality</label>
      <select id="assert-modality" value={modality} onChange={(event) => setModality(event.target.value as Modality)}>
        {MODALITIES.map((m) => (
          <option key={m} value={m}>
            {MODALITY_STYLE[m].label}
          </option>
        ))}
      </select>
      {modality === 'ATTRIBUTED' && (
        <>
          <label htmlFor="assert-attributed">According to</label>
          <select id="assert-attributed" required value={attributedToId} onChange={(event) => setAttributedToId(event.target.value)}>
            <option value="">choose…</option>
            {actorOptions}
          </select>
        </>
      )}
      <button type="submit" disabled={loading || passage === undefined}>
        State it
      </button>
      {error !== undefined && (
        <p className="problem" role="alert">
          {describe(error)}
        </p>
      )}
      {data !== undefined && <p role="status">Stated: the relationship has this passage as evidence.</p>}
    </form>
  );
}
