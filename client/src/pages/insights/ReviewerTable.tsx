import type { ReactNode } from 'react';
import type { InsightsMeasuresFragment as Measures } from '../../gql/graphql';
import { percent, seconds, usd, whole } from './format';

export type ReviewerRow = Measures & { reviewer: { id: string; displayName: string; email: string } };

interface Props {
  rows: readonly ReviewerRow[];
  /** Admins see everyone; others their own row. */
  everyone: boolean;
  actions?: ReactNode;
}

export function ReviewerTable({ rows, everyone, actions }: Props) {
  return (
    <section className="card" aria-labelledby="reviewers-title" data-testid="reviewer-table">
      <header className="chart-head">
        <h2 id="reviewers-title">Per reviewer</h2>
        <span className="spacer" />
        {rows.length > 0 && actions}
      </header>
      <p className="muted small chart-description">
        {everyone
          ? 'Every reviewer who decided a draft in these days, most decisions first.'
          : 'Your own decisions in these days (admins see every reviewer).'}{' '}
        Review time runs from the deciding reviewer's claim to the decision; LLM cost is that of the drafts they
        decided.
      </p>
      {rows.length === 0 ? (
        <div className="chart-empty">
          {everyone ? 'Nobody' : 'You have not'} decided a draft in these days. Open a draft from the queue to approve
          or reject it, or choose a longer range.
        </div>
      ) : (
        <div className="table-scroll">
          <table className="table reviewers" aria-label="Per reviewer">
            <thead>
              <tr>
                <th scope="col">Reviewer</th>
                <th scope="col" className="cell-number">
                  Decided
                </th>
                <th scope="col" className="cell-number">
                  Approved
                </th>
                <th scope="col" className="cell-number">
                  Rejected
                </th>
                <th scope="col" className="cell-number">
                  Approval rate
                </th>
                <th scope="col" className="cell-number">
                  Edited share
                </th>
                <th scope="col" className="cell-number">
                  Mean edit distance
                </th>
                <th scope="col" className="cell-number">
                  Median review
                </th>
                <th scope="col" className="cell-number">
                  p90 review
                </th>
                <th scope="col" className="cell-number">
                  Median wait
                </th>
                <th scope="col" className="cell-number">
                  LLM cost
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.reviewer.id}>
                  <th scope="row" className="cell-name" title={row.reviewer.email}>
                    {row.reviewer.displayName}
                  </th>
                  <td className="cell-number">{whole(row.decided)}</td>
                  <td className="cell-number">{whole(row.approved)}</td>
                  <td className="cell-number">{whole(row.rejected)}</td>
                  <td className="cell-number">{percent(row.approvalRate)}</td>
                  <td className="cell-number">{percent(row.editedShare)}</td>
                  <td className="cell-number">{percent(row.meanEditDistance)}</td>
                  <td className="cell-number">{seconds(row.medianReviewSeconds)}</td>
                  <td className="cell-number">{seconds(row.p90ReviewSeconds)}</td>
                  <td className="cell-number">{seconds(row.medianWaitSeconds)}</td>
                  <td className="cell-number">{usd(Number(row.llmCostUsd))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
