import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { useQuery } from 'urql';
import { ReplyTemplatesQuery } from './operations';

/** A `/word` the caret is at the end of: where it starts in the text, and what follows the slash. */
interface Slash {
  start: number;
  query: string;
}

/** The word ending at the caret, when it starts with a slash (so "and/or" does not open the list). */
export function slashAt(text: string, caret: number): Slash | null {
  let start = caret;
  while (start > 0 && !/\s/.test(text[start - 1]!)) start--;
  const word = text.slice(start, caret);
  return word.startsWith('/') ? { start, query: word.slice(1) } : null;
}

interface Props {
  id: string;
  text: string;
  onChange(text: string): void;
  maxLength: number;
  invalid: boolean;
  /** The draft whose person and reviewer fill the templates; without it, `/` opens nothing. */
  draftId?: string;
}

/**
 * One bubble's textarea. Typing `/` at the start of a word opens a searchable list of reply templates;
 * choosing one (arrow keys and Enter or Tab, or a click) replaces the `/word` with the template, filled for
 * this draft. Esc closes the list.
 */
export function BubbleField({ id, text, onChange, maxLength, invalid, draftId }: Props) {
  const ref = useRef<HTMLTextAreaElement>(null);
  const [slash, setSlash] = useState<Slash | null>(null);
  const [active, setActive] = useState(0);
  /** Templates load the first time the list opens, not with every draft. */
  const [wanted, setWanted] = useState(false);
  const [{ data, fetching, error }] = useQuery({
    query: ReplyTemplatesQuery,
    variables: { draftId: draftId ?? '' },
    pause: !draftId || !wanted,
  });
  const caretAfter = useRef<number | null>(null);

  const open = slash !== null && draftId !== undefined;
  const query = slash?.query.toLowerCase() ?? '';
  const matches = (data?.templates ?? []).filter(
    (t) => t.name.toLowerCase().includes(query) || (t.filled ?? '').toLowerCase().includes(query),
  );
  const listId = `${id}-templates`;
  const optionId = (index: number) => `${listId}-${index}`;

  // After an insertion, the caret goes to the end of the inserted text.
  useEffect(() => {
    if (caretAfter.current === null || !ref.current) return;
    ref.current.setSelectionRange(caretAfter.current, caretAfter.current);
    caretAfter.current = null;
  });

  const change = (next: string, caret: number) => {
    onChange(next);
    const found = slashAt(next, caret);
    setSlash(found);
    setActive(0);
    if (found) setWanted(true);
  };

  const choose = (index: number) => {
    const template = matches[index];
    if (!template || !slash) return;
    const insert = template.filled ?? '';
    const end = slash.start + 1 + slash.query.length;
    const next = (text.slice(0, slash.start) + insert + text.slice(end)).slice(0, maxLength);
    caretAfter.current = Math.min(next.length, slash.start + insert.length);
    setSlash(null);
    onChange(next);
    ref.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (!open) return;
    const plain = !event.ctrlKey && !event.metaKey && !event.altKey && !event.shiftKey;
    if (event.key === 'Escape') {
      // Closes the list only: the page's own Esc (back to the queue) must not run.
      event.preventDefault();
      event.stopPropagation();
      setSlash(null);
    } else if (matches.length > 0 && plain && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((current) => (current + step + matches.length) % matches.length);
    } else if (matches.length > 0 && plain && (event.key === 'Enter' || event.key === 'Tab')) {
      event.preventDefault();
      event.stopPropagation();
      choose(Math.min(active, matches.length - 1));
    }
  };

  return (
    <div className="bubble-field">
      <textarea
        ref={ref}
        id={id}
        value={text}
        rows={Math.min(8, Math.max(2, Math.ceil(text.length / 60)))}
        maxLength={maxLength}
        onChange={(e) => change(e.target.value, e.target.selectionStart)}
        onKeyDown={onKeyDown}
        onBlur={() => setSlash(null)}
        aria-invalid={invalid ? true : undefined}
        aria-autocomplete={draftId ? 'list' : undefined}
        aria-controls={open ? listId : undefined}
        aria-activedescendant={open && matches.length > 0 ? optionId(Math.min(active, matches.length - 1)) : undefined}
      />
      {open && (
        <div className="template-picker">
          {matches.length > 0 ? (
            <div id={listId} role="listbox" aria-label="Reply templates">
              {matches.map((template, index) => (
                <div
                  key={template.id}
                  id={optionId(index)}
                  role="option"
                  // Focus stays in the textarea (aria-activedescendant); the option is reached from there.
                  tabIndex={-1}
                  aria-selected={index === Math.min(active, matches.length - 1)}
                  // Chosen on mouse down, before the textarea's blur closes the list.
                  onMouseDown={(event) => {
                    event.preventDefault();
                    choose(index);
                  }}
                  onMouseEnter={() => setActive(index)}
                >
                  <span className="template-name">{template.name}</span>
                  <span className="template-preview muted small">{template.filled}</span>
                </div>
              ))}
            </div>
          ) : (
            <p className="muted small" role="status">
              {error
                ? 'Templates could not be loaded.'
                : fetching || !data
                  ? 'Loading templates…'
                  : data.templates.length === 0
                    ? 'No reply templates yet: admins add them on the Team page.'
                    : `No template matches “${slash?.query}”.`}
            </p>
          )}
        </div>
      )}
    </div>
  );
}
