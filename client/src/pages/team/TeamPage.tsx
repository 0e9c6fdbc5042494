import { useQuery } from 'urql';
import { useSession } from '../../auth';
import { describeCombinedError } from '../../lib/errors';
import { useTitle } from '../../router';
import { AddReviewerForm } from './AddReviewerForm';
import { ReviewersQuery } from './operations';
import { PersonaSection } from './PersonaSection';

/** Reviewer accounts and the drafting persona; only admins may see or change them. */
export function TeamPage() {
  useTitle('Team');
  const session = useSession();
  return (
    <section className="page">
      <header className="page-head">
        <h1>Team</h1>
      </header>
      {session.reviewer.role === 'ADMIN' ? (
        <Team currentReviewerId={session.reviewer.id} />
      ) : (
        <p>Only admins can manage the team.</p>
      )}
    </section>
  );
}

function Team({ currentReviewerId }: { currentReviewerId: string }) {
  const [{ data, fetching, error }] = useQuery({ query: ReviewersQuery });
  const reviewers = data?.reviewers ?? [];

  return (
    <>
      <div className="team-grid">
        <div className="card">
          <h2>Reviewers {data && <span className="muted small">{reviewers.length}</span>}</h2>
          {error && !data && (
            <p className="banner error" role="alert">
              {describeCombinedError(error)}
            </p>
          )}
          {!data && fetching && <p className="muted">Loading the team…</p>}
          {data && (
            <table className="table" aria-label="Reviewers">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Email</th>
                  <th scope="col">Role</th>
                </tr>
              </thead>
              <tbody>
                {reviewers.map((reviewer) => (
                  <tr key={reviewer.id}>
                    <td>
                      {reviewer.displayName}
                      {reviewer.id === currentReviewerId && <span className="muted small"> (you)</span>}
                    </td>
                    <td className="cell-email">{reviewer.email}</td>
                    <td>
                      <span className={`badge role-${reviewer.role.toLowerCase()}`}>{reviewer.role.toLowerCase()}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
        <AddReviewerForm />
      </div>
      <PersonaSection />
    </>
  );
}
