import { type KeyboardEvent, useState } from 'react';
import { useQuery } from 'urql';
import { FieldError } from '../../components/FieldError';
import { EditTagSuggestionsQuery } from './operations';

interface Props {
  id: string;
  tags: string[];
  onChange(tags: string[]): void;
  error?: string;
}

/**
 * Edit tags: what the reviewer had to change, for drafting quality reports. Suggests the tags admins manage
 * (not the retired ones), narrowed to what is typed; a tag outside the list can still be typed.
 */
export function TagInput({ id, tags, onChange, error }: Props) {
  const [text, setText] = useState('');
  const [{ data }] = useQuery({ query: EditTagSuggestionsQuery });
  const managed = data?.editTags ?? [];
  const colorOf = (name: string) => managed.find((t) => t.name === name)?.color;
  const typed = text.trim().toLowerCase();
  const suggested = managed.filter((t) => !tags.includes(t.name) && t.name.toLowerCase().includes(typed));

  const add = (raw: string) => {
    const fresh = raw
      .split(',')
      .map((t) => t.trim())
      // A managed tag typed in another case is that tag.
      .map((t) => managed.find((m) => m.name.toLowerCase() === t.toLowerCase())?.name ?? t)
      .filter((t) => t.length > 0 && !tags.includes(t));
    if (fresh.length > 0) onChange([...tags, ...new Set(fresh)]);
    setText('');
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter' || event.key === ',') {
      event.preventDefault();
      add(text);
    } else if (event.key === 'Backspace' && text === '' && tags.length > 0) {
      onChange(tags.slice(0, -1));
    }
  };

  return (
    <div className="field">
      <label htmlFor={id}>Edit tags</label>
      <div className="tags">
        {tags.map((tag) => (
          <span key={tag} className="tag">
            {colorOf(tag) && (
              <span className="tag-swatch" style={{ backgroundColor: colorOf(tag) }} aria-hidden="true" />
            )}
            {tag}
            <button
              type="button"
              className="link"
              onClick={() => onChange(tags.filter((t) => t !== tag))}
              aria-label={`Remove tag ${tag}`}
            >
              ×
            </button>
          </span>
        ))}
        <input
          id={id}
          value={text}
          placeholder={tags.length === 0 ? 'Type a tag and press Enter' : ''}
          maxLength={50}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={onKeyDown}
          // Moving to a suggestion keeps the typed text as a filter rather than adding it as a tag.
          onBlur={(e) => {
            if (!(e.relatedTarget instanceof Element && e.relatedTarget.closest('.suggestions'))) add(text);
          }}
          aria-invalid={error ? true : undefined}
        />
      </div>
      <div className="suggestions">
        {suggested.map((tag) => (
          <button
            key={tag.id}
            type="button"
            className="chip"
            onClick={() => {
              onChange([...tags, tag.name]);
              setText('');
            }}
          >
            <span className="tag-swatch" style={{ backgroundColor: tag.color }} aria-hidden="true" />+ {tag.name}
          </button>
        ))}
      </div>
      <FieldError message={error} />
    </div>
  );
}
