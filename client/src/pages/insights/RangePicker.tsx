import { type FormEvent, useState } from 'react';
import { customRangeProblem, MAX_DAYS, PRESETS, type RangeChoice, utcDate } from './range';

interface Props {
  value: RangeChoice;
  onChange(choice: RangeChoice): void;
}

/** The last 7, 30 or 90 days, or two dates; the custom dates apply when the reader says so. */
export function RangePicker({ value, onChange }: Props) {
  const today = utcDate(Date.now());
  const [custom, setCustom] = useState(value.kind === 'custom');
  const [from, setFrom] = useState(value.kind === 'custom' ? value.from : utcDate(Date.now() - 13 * 86_400_000));
  const [to, setTo] = useState(value.kind === 'custom' ? value.to : today);
  const [problem, setProblem] = useState<string | null>(null);

  const apply = (event: FormEvent) => {
    event.preventDefault();
    const why = customRangeProblem(from, to);
    setProblem(why);
    if (!why) onChange({ kind: 'custom', from, to });
  };

  return (
    <div className="range-picker">
      <fieldset className="segmented">
        <legend className="visually-hidden">Range</legend>
        {PRESETS.map((days) => (
          <button
            key={days}
            type="button"
            aria-pressed={!custom && value.kind === 'days' && value.days === days}
            onClick={() => {
              setCustom(false);
              setProblem(null);
              onChange({ kind: 'days', days });
            }}
          >
            {days} days
          </button>
        ))}
        <button type="button" aria-pressed={custom} onClick={() => setCustom(true)}>
          Custom
        </button>
      </fieldset>
      {custom && (
        <form className="range-custom" onSubmit={apply} aria-label="Custom range">
          <label>
            From <input type="date" value={from} max={today} required onChange={(e) => setFrom(e.target.value)} />
          </label>
          <label>
            to <input type="date" value={to} required onChange={(e) => setTo(e.target.value)} />
          </label>
          <button type="submit" className="primary">
            Show
          </button>
          <span className="muted small">UTC days, both included, at most {MAX_DAYS}</span>
          {problem && (
            <span className="field-error" role="alert">
              {problem}
            </span>
          )}
        </form>
      )}
    </div>
  );
}
