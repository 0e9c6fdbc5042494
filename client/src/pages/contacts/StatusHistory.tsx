import { type FragmentType, getFragmentData } from '../../gql';
import { statusLabel } from '../../lib/funnel';
import { dayTime } from '../../lib/time';
import { StatusHistoryContact } from './operations';

/** Every move along the funnel, newest first, with who made it and why. */
export function StatusHistory({ contact: contactRef }: { contact: FragmentType<typeof StatusHistoryContact> }) {
  const { customerStatus, statusHistory } = getFragmentData(StatusHistoryContact, contactRef);
  return (
    <section className="card" aria-labelledby="history-title">
      <h2 id="history-title">
        Status history {statusHistory.length > 0 && <span className="muted small">{statusHistory.length}</span>}
      </h2>
      {statusHistory.length === 0 ? (
        <p className="muted small">Still {statusLabel(customerStatus)}, as when they first wrote.</p>
      ) : (
        <table className="table history" aria-label="Status history">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Change</th>
              <th scope="col">By</th>
            </tr>
          </thead>
          <tbody>
            {[...statusHistory].reverse().map((change) => (
              <tr key={change.id}>
                <td className="cell-when">
                  <time
                    className="small"
                    dateTime={change.createdAt}
                    title={new Date(change.createdAt).toLocaleString()}
                  >
                    {dayTime(change.createdAt)}
                  </time>
                </td>
                <td>
                  {statusLabel(change.fromStatus)} → {statusLabel(change.toStatus)}
                  {change.override && <span className="badge override">override</span>}
                  {change.draftId && <span className="muted small"> on approval</span>}
                  {change.reason && <p className="history-reason small">{change.reason}</p>}
                </td>
                <td>{change.by ? change.by.displayName : <span className="muted">—</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
