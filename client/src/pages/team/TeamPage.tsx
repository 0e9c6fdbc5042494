import { useQuery } from 'urql';
import { useSession } from '../../auth';
import { describeCombinedError } from '../../lib/errors';
import { useTitle } from '../../router';
import { AddReviewerForm } from './AddReviewerForm';
import { EditTagsSection } from './EditTagsSection';
import { ReviewersQuery } from './operations';
import { PersonaSection } from './PersonaSection';
import { ReviewerRow } from './ReviewerRow';
import { TemplatesSection } from './TemplatesSection';

/** Reviewer accounts, the drafting persona, reply templates and edit tags; only admins may see or change them. */
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
                  <th scope="col">Status</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {reviewers.map((reviewer) => (
                  <ReviewerRow key={reviewer.id} reviewer={reviewer} isYou={reviewer.id === currentReviewerId} />
                ))}
              </tbody>
            </table>
          )}
        </div>
        <AddReviewerForm />
      </div>
      <PersonaSection />
      <TemplatesSection />
      <EditTagsSection />
    </>
  );
}
