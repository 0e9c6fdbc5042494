import { SafetyBadge } from '../../components/SafetyBadge';
import { type FragmentType, getFragmentData } from '../../gql';
import { keyedByContent } from '../../lib/listKeys';
import { SafetyPanelDraft } from './operations';

/** The automatic safety review of the suggested bubbles. Advisory: it never blocks approval. */
export function SafetyPanel({ draft: draftRef }: { draft: FragmentType<typeof SafetyPanelDraft> }) {
  const { safety } = getFragmentData(SafetyPanelDraft, draftRef);
  return (
    <section className="card" aria-labelledby="safety-title">
      <h2 id="safety-title">
        Safety review <SafetyBadge recommendation={safety?.recommendation} />
      </h2>
      {!safety ? (
        <p className="muted">No safety review was recorded for this draft.</p>
      ) : (
        <>
          <p className="muted small">Risk {Math.round(safety.risk * 100)}% · advisory only, it never blocks a draft.</p>
          {safety.findings.length === 0 ? (
            <p className="small">No findings.</p>
          ) : (
            <ul className="findings">
              {keyedByContent(safety.findings, (f) => `${f.category}\n${f.match}`).map(({ key, item: finding }) => (
                <li key={key}>
                  <strong>{finding.category}</strong>: <q>{finding.match}</q>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
