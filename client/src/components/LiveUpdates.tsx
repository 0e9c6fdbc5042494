import { useSubscription } from 'urql';
import { graphql } from '../gql';

// The payloads select the whole queue row, so graphcache can add a new draft to the cached
// list (see cache.ts) and update a changed one everywhere it is shown.
const DraftQueuedSubscription = graphql(`
  subscription DraftQueued {
    draftQueued {
      id
      status
      priority
      createdAt
      ...QueueItemDraft
    }
  }
`);

const DraftUpdatedSubscription = graphql(`
  subscription DraftUpdated {
    draftUpdated {
      id
      status
      priority
      createdAt
      updatedAt
      claimExpiresAt
      ...QueueItemDraft
    }
  }
`);

/** Keeps the review queue live for the whole signed-in session, whichever page is open. */
export function LiveUpdates() {
  useSubscription({ query: DraftQueuedSubscription });
  useSubscription({ query: DraftUpdatedSubscription });
  return null;
}
