/** The longest value shown whole; longer ones are cut, with the whole in the tooltip. */
const MAX_VALUE = 160;

function shown(value: unknown): string {
  if (typeof value === 'string') return value;
  // An edit distance such as 0.7766990291262136 reads as 0.7767; the whole number is in the tooltip.
  if (typeof value === 'number' && !Number.isInteger(value)) return String(Number(value.toFixed(4)));
  if (value === null || value === undefined) return '–';
  return JSON.stringify(value);
}

/** An entry's detail (JSON that may hold what a person wrote) as key: value lines of plain text. */
export function AuditDetail({ detail }: { detail: unknown }) {
  const entries =
    detail && typeof detail === 'object' && !Array.isArray(detail)
      ? Object.entries(detail as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b))
      : detail === null || detail === undefined
        ? []
        : [['value', detail] as const];
  if (entries.length === 0) return <span className="muted">–</span>;
  return (
    <dl className="audit-detail">
      {entries.map(([key, value]) => {
        const text = shown(value);
        const whole = typeof value === 'string' || value == null ? text : JSON.stringify(value);
        const cut = text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
        return (
          <div key={key}>
            <dt>{key}</dt>
            <dd title={cut === whole ? undefined : whole}>{cut}</dd>
          </div>
        );
      })}
    </dl>
  );
}
