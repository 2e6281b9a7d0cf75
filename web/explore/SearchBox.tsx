/**
 * An actor picker: a combobox (WAI-ARIA 1.2 pattern) over `entities(search:)` and `search`.
 * Arrow keys move, Enter picks, Escape closes; the options are real elements screen readers announce.
 */
import { useApolloClient } from '@apollo/client/react';
import { useEffect, useId, useState } from 'react';
import { ExplorerSearchDocument } from '../../src/generated/web/graphql';
import { KIND_STYLE } from './legend';
import type { DrawnNode } from './useGraph';
import { describe } from './useGraph';

export function SearchBox({ label, placeholder, onPick, initial = '' }: { label: string; placeholder?: string; onPick: (entity: DrawnNode) => void; initial?: string }) {
  const client = useApolloClient();
  const id = useId();
  const [text, setText] = useState(initial);
  const [options, setOptions] = useState<DrawnNode[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [problem, setProblem] = useState<string | undefined>(undefined);

  useEffect(() => setText(initial), [initial]);

  useEffect(() => {
    const wanted = text.trim();
    if (!open || wanted === '') {
      setOptions([]);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      client.query({ query: ExplorerSearchDocument, variables: { text: wanted } }).then(
        ({ data }) => {
          if (!current || data === undefined) return;
          const found = new Map<string, DrawnNode>();
          for (const e of data.entities.nodes) found.set(e.id, e);
          for (const hit of data.search) if ('name' in hit.node && 'kind' in hit.node) found.set(hit.node.id, hit.node);
          setOptions([...found.values()].slice(0, 10));
          setActive(0);
          setProblem(undefined);
        },
        (e: unknown) => {
          if (current) setProblem(describe(e));
        },
      );
    }, 120);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [text, open, client]);

  const pick = (entity: DrawnNode | undefined): void => {
    if (entity === undefined) return;
    setText(entity.name);
    setOpen(false);
    onPick(entity);
  };

  const listId = `${id}-options`;
  const shown = open && options.length > 0;
  return (
    <div className="search">
      <label htmlFor={`${id}-input`}>{label}</label>
      <input
        id={`${id}-input`}
        type="search"
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={shown}
        aria-controls={listId}
        aria-activedescendant={shown ? `${id}-option-${active}` : undefined}
        placeholder={placeholder}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown') {
            event.preventDefault();
            setOpen(true);
            setActive((a) => Math.min(a + 1, options.length - 1));
          } else if (event.key === 'ArrowUp') {
            event.preventDefault();
            setActive((a) => Math.max(a - 1, 0));
          } else if (event.key === 'Enter') {
            event.preventDefault();
            pick(options[active]);
          } else if (event.key === 'Escape') {
            setOpen(false);
          }
        }}
      />
      <ul id={listId} role="listbox" aria-label={`${label}: suggestions`} hidden={!shown}>
        {options.map((entity, i) => (
          <li
            key={entity.id}
            id={`${id}-option-${i}`}
            role="option"
            aria-selected={i === active}
            className={i === active ? 'active' : undefined}
            onMouseDown={(event) => {
              event.preventDefault();
              pick(entity);
            }}
          >
            {entity.name} <span className="kind">{KIND_STYLE[entity.kind].label}</span>
          </li>
        ))}
      </ul>
      {problem !== undefined && <p className="problem" role="alert">{problem}</p>}
    </div>
  );
}
