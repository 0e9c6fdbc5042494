import { useEffect, useRef } from 'react';
import { BubbleField } from './BubbleField';

export const MAX_BUBBLES = 10;
const MAX_BUBBLE_LENGTH = 4096;

/** A bubble being edited; `key` keeps each textarea's identity when others are removed. */
export interface EditableBubble {
  key: number;
  text: string;
}

let nextKey = 1;
export const editableBubble = (text: string): EditableBubble => ({ key: nextKey++, text });

interface Props {
  bubbles: EditableBubble[];
  onChange(bubbles: EditableBubble[]): void;
  error?: string;
  disabled?: boolean;
  /** The draft reply templates are filled for; typing `/` in a bubble inserts one. */
  draftId?: string;
}

/** The reply as separate Telegram messages: edit, add and remove bubbles; `/` in a bubble inserts a template. */
export function BubbleEditor({ bubbles, onChange, error, disabled, draftId }: Props) {
  const listRef = useRef<HTMLOListElement>(null);
  const focusLast = useRef(false);

  // After "Add bubble", the new (last) bubble takes the focus.
  useEffect(() => {
    if (!focusLast.current) return;
    focusLast.current = false;
    listRef.current?.querySelectorAll('textarea')[bubbles.length - 1]?.focus();
  }, [bubbles.length]);

  const update = (key: number, text: string) => onChange(bubbles.map((b) => (b.key === key ? { ...b, text } : b)));
  const remove = (key: number) => onChange(bubbles.filter((b) => b.key !== key));
  const add = () => {
    focusLast.current = true;
    onChange([...bubbles, editableBubble('')]);
  };

  return (
    <fieldset className="field bubbles" disabled={disabled} aria-describedby={error ? 'bubbles-error' : undefined}>
      <legend>Reply bubbles</legend>
      <ol ref={listRef}>
        {bubbles.map(({ key, text }, index) => (
          <li key={key} className="bubble-row">
            <label className="visually-hidden" htmlFor={`bubble-${key}`}>
              Bubble {index + 1}
            </label>
            <BubbleField
              id={`bubble-${key}`}
              text={text}
              maxLength={MAX_BUBBLE_LENGTH}
              onChange={(next) => update(key, next)}
              invalid={Boolean(error)}
              draftId={draftId}
            />
            <div className="bubble-tools">
              <span className="muted small">{text.length}</span>
              <button
                type="button"
                className="link danger"
                onClick={() => remove(key)}
                aria-label={`Remove bubble ${index + 1}`}
              >
                Remove
              </button>
            </div>
          </li>
        ))}
      </ol>
      {bubbles.length === 0 && <p className="muted small">No bubbles: add at least one to approve.</p>}
      <button type="button" onClick={add} disabled={bubbles.length >= MAX_BUBBLES}>
        + Add bubble
      </button>
      {error && (
        <p className="field-error" id="bubbles-error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
