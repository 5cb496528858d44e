import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { OptionsApi } from './api';
import type { SearchResults } from '@/lib/protocol';

export type FoundEntity = SearchResults['entities'][number];

export interface EntityComboboxProps {
  api: OptionsApi;
  label: string;
  /** Left out of the choices (the entity being corrected). */
  exclude?: string;
  onPick: (e: FoundEntity) => void;
  /** Test id of the input. */
  testId?: string;
  autoFocus?: boolean;
}

/**
 * Finds an entity by name with the corpus's own search (searchCorpus), as an ARIA combobox:
 * type, move with the arrow keys, Enter picks, Escape closes; the mouse picks too.
 */
export function EntityCombobox({
  api,
  label,
  exclude,
  onPick,
  testId,
  autoFocus,
}: EntityComboboxProps) {
  const id = useId();
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<FoundEntity[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const asked = useRef(0);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (autoFocus) input.current?.focus();
  }, [autoFocus]);

  useEffect(() => {
    const q = query.trim();
    const run = ++asked.current;
    if (q.length < 2) {
      setFound([]);
      return;
    }
    api
      .send('searchCorpus', { query: q })
      .then((r) => {
        if (run !== asked.current) return; // a later query answered first
        setFound(r.entities.filter((e) => e.id !== exclude).slice(0, 8));
        setActive(0);
        setError(null);
      })
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, [api, query, exclude]);

  const pick = (e: FoundEntity) => {
    onPick(e);
    setQuery('');
    setOpen(false);
  };
  const shown = open && found.length > 0;
  const optionId = (i: number) => `${id}-option-${i}`;

  return (
    <div class="combobox">
      <label for={`${id}-input`}>{label}</label>
      <input
        ref={input}
        id={`${id}-input`}
        type="text"
        role="combobox"
        autocomplete="off"
        spellcheck={false}
        aria-autocomplete="list"
        aria-expanded={shown}
        aria-controls={`${id}-list`}
        aria-activedescendant={shown ? optionId(active) : undefined}
        data-testid={testId}
        value={query}
        placeholder="Type a name…"
        onInput={(e) => {
          setQuery(e.currentTarget.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setOpen(true);
            setActive((a) => Math.min(a + 1, found.length - 1));
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            setActive((a) => Math.max(a - 1, 0));
          } else if (e.key === 'Enter' && shown) {
            e.preventDefault();
            pick(found[active]!);
          } else if (e.key === 'Escape') {
            setOpen(false);
          }
        }}
      />
      <ul id={`${id}-list`} role="listbox" aria-label={label} class="options-list" hidden={!shown}>
        {found.map((e, i) => (
          <li
            key={e.id}
            id={optionId(i)}
            role="option"
            aria-selected={i === active}
            class={i === active ? 'active' : undefined}
            // Before the input's blur closes the list.
            onMouseDown={(ev) => {
              ev.preventDefault();
              pick(e);
            }}
          >
            {e.name} <span class="muted">{e.type}</span>
          </li>
        ))}
      </ul>
      {open && query.trim().length >= 2 && found.length === 0 && !error ? (
        <p class="muted" role="status">
          No entity of your sources is named like that.
        </p>
      ) : null}
      {error ? (
        <p class="note error" role="alert">
          Search failed: {error}
        </p>
      ) : null}
    </div>
  );
}
