import { useSession } from '../auth';
import { useViewers } from '../presence';

/** "Ana is editing · Ben is viewing": the other reviewers who have this draft open now. */
export function DraftPresence({ draftId }: { draftId: string }) {
  const session = useSession();
  const others = useViewers(draftId).filter((v) => v.reviewerId !== session.reviewer.id);
  if (others.length === 0) return null;
  return (
    <p className="presence small" data-testid="draft-presence">
      {others.map((viewer, i) => (
        <span key={viewer.reviewerId} className={viewer.editing ? 'presence-editing' : 'presence-viewing'}>
          {i > 0 && ' · '}
          {viewer.displayName} is {viewer.editing ? 'editing' : 'viewing'}
        </span>
      ))}
    </p>
  );
}
