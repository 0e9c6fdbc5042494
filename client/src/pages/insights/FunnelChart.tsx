import type { ReactNode } from 'react';
import type { CustomerStatus } from '../../gql/graphql';
import { statusLabel } from '../../lib/funnel';
import { whole } from './format';

interface Props {
  byStatus: ReadonlyArray<{ status: CustomerStatus; contacts: number }>;
  transitions: ReadonlyArray<{ from: CustomerStatus; to: CustomerStatus; count: number; overrides: number }>;
  actions?: ReactNode;
}

/** Where contacts stand now (a bar per status, scaled to the largest), and the moves made in the range. */
export function FunnelChart({ byStatus, transitions, actions }: Props) {
  const total = byStatus.reduce((sum, s) => sum + s.contacts, 0);
  const largest = Math.max(1, ...byStatus.map((s) => s.contacts));
  return (
    <section className="card chart" aria-labelledby="funnel-title" data-testid="chart-funnel">
      <header className="chart-head">
        <h2 id="funnel-title">Funnel by status</h2>
        <span className="spacer" />
        {actions}
      </header>
      <p className="muted small chart-description">
        Contacts in each customer status now ({whole(total)} in all), and the status changes made in these days.
      </p>
      {total === 0 ? (
        <div className="chart-empty" data-testid="chart-funnel-empty">
          No contacts yet. People appear here once they write in: try the Sandbox page to write as one.
        </div>
      ) : (
        <ul className="funnel-bars" aria-label="Contacts per status">
          {byStatus.map((s) => (
            <li key={s.status} className="funnel-bar-row">
              <span className="funnel-bar-label">{statusLabel(s.status)}</span>
              <span className="funnel-bar-track" aria-hidden="true">
                <span
                  className={`funnel-bar funnel-${s.status.toLowerCase()}`}
                  style={{ width: `${(s.contacts / largest) * 100}%` }}
                />
              </span>
              <span className="funnel-bar-value">
                {whole(s.contacts)} <span className="visually-hidden">contacts</span>
              </span>
            </li>
          ))}
        </ul>
      )}
      <h3 className="chart-subhead">Status changes in these days</h3>
      {transitions.length === 0 ? (
        <p className="muted small" data-testid="chart-transitions-empty">
          None. A status is set when a reviewer approves a draft with a new status, or on a contact's page.
        </p>
      ) : (
        <table className="table transitions" aria-label="Status changes in these days">
          <thead>
            <tr>
              <th scope="col">From</th>
              <th scope="col">To</th>
              <th scope="col" className="cell-number">
                Changes
              </th>
              <th scope="col" className="cell-number">
                Of which overrides
              </th>
            </tr>
          </thead>
          <tbody>
            {transitions.map((t) => (
              <tr key={`${t.from}-${t.to}`}>
                <td>{statusLabel(t.from)}</td>
                <td>→ {statusLabel(t.to)}</td>
                <td className="cell-number">{whole(t.count)}</td>
                <td className="cell-number">{whole(t.overrides)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
