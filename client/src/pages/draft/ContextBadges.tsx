import { type FragmentType, getFragmentData } from '../../gql';
import { ContextBadgesDraft } from './operations';

/** "context trimmed" (with what was left out) and "drafted without profile": what the drafter could not use. */
export function ContextBadges({ draft: ref }: { draft: FragmentType<typeof ContextBadgesDraft> }) {
  const draft = getFragmentData(ContextBadgesDraft, ref);
  return (
    <>
      {draft.contextTrimmed && (
        <>
          <span className="badge context-badge" data-testid="context-trimmed">
            context trimmed
          </span>{' '}
          {draft.contextNote}{' '}
        </>
      )}
      {draft.draftedWithoutProfile && (
        <>
          <span className="badge context-badge" data-testid="drafted-without-profile">
            drafted without profile
          </span>{' '}
          The person's profile and memory could not be read: drafted from the recent messages alone.
        </>
      )}
    </>
  );
}
