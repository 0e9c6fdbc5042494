import { useQuery } from 'urql';
import { useSession } from '../../auth';
import { QueryState } from '../../components/QueryState';
import { RecordTable } from '../../components/RecordTable';
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
  const [query] = useQuery({ query: ReviewersQuery });
  const { data } = query;
  const reviewers = data?.reviewers ?? [];

  return (
    <>
      <div className="team-grid">
        <div className="card">
          <h2>Reviewers {data && <span className="muted small">{reviewers.length}</span>}</h2>
          <QueryState result={query} loading="Loading the team…" />
          {data && (
            <RecordTable label="Reviewers" columns={['Name', 'Email', 'Role', 'Status']}>
              {reviewers.map((reviewer) => (
                <ReviewerRow key={reviewer.id} reviewer={reviewer} isYou={reviewer.id === currentReviewerId} />
              ))}
            </RecordTable>
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
