import { FieldError } from '../../components/FieldError';

interface Props {
  value: number | null;
  onChange(value: number | null): void;
  error?: string;
}

const LABELS = ['', 'Unusable', 'Poor', 'Fair', 'Good', 'Perfect'];

/** How good the suggestion was, 1 to 5; optional. */
export function QualityScore({ value, onChange, error }: Props) {
  return (
    <fieldset className="field">
      <legend>Quality of the suggestion</legend>
      <div className="score" role="radiogroup" aria-label="Quality score">
        {[1, 2, 3, 4, 5].map((n) => (
          <label key={n} className={`score-option${value === n ? ' checked' : ''}`} title={LABELS[n]}>
            <input type="radio" name="quality-score" value={n} checked={value === n} onChange={() => onChange(n)} />
            {n}
          </label>
        ))}
        {value !== null && (
          <button type="button" className="link" onClick={() => onChange(null)}>
            Clear
          </button>
        )}
      </div>
      <p className="help">{value ? LABELS[value] : 'Optional: 1 is unusable, 5 needed no edits.'}</p>
      <FieldError message={error} />
    </fieldset>
  );
}
