import { type KeyboardEvent, useState } from 'react';
import { FieldError } from '../../components/FieldError';

const SUGGESTED = ['tone', 'facts', 'length', 'personal touch', 'typo', 'rewrite'];

interface Props {
  id: string;
  tags: string[];
  onChange(tags: string[]): void;
  error?: string;
}

/** Edit tags: what the reviewer had to change, for drafting quality reports. */
export function TagInput({ id, tags, onChange, error }: Props) {
  const [text, setText] = useState('');

  const add = (raw: string) => {
    const fresh = raw
      .split(',')
      .map((t) => t.trim())
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
          onBlur={() => add(text)}
          aria-invalid={error ? true : undefined}
        />
      </div>
      <div className="suggestions">
        {SUGGESTED.filter((t) => !tags.includes(t)).map((tag) => (
          <button key={tag} type="button" className="chip" onClick={() => onChange([...tags, tag])}>
            + {tag}
          </button>
        ))}
      </div>
      <FieldError message={error} />
    </div>
  );
}
