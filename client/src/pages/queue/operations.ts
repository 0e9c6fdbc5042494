// The queue pages' GraphQL operations and the fragments their components read, kept free of React so
// the server tests can send the same documents (client/src/gql/graphql.ts exports them typed).
import { graphql } from '../../gql';

export const QueueItemDraft = graphql(`
  fragment QueueItemDraft on Draft {
    id
    status
    priority
    queueAt
    createdAt
    pendingAt
    inboundText
    failureReason
    account {
      id
      label
      kind
    }
    contact {
      id
      displayName
      telegramUserId
      customerStatus
    }
    safety {
      recommendation
      risk
    }
    claimedBy {
      id
      displayName
    }
    deliveries {
      id
      index
      status
      failureReason
      sentAt
    }
  }
`);

export const RetryDraftMutation = graphql(`
  mutation RetryDraft($id: ID!) {
    retryDraft(id: $id) {
      __typename
      ... on RetryDraftSuccess {
        draft {
          id
          status
          failureReason
        }
      }
      ... on Error {
        message
      }
    }
  }
`);

export const DraftQueuedSubscription = graphql(`
  subscription DraftQueued {
    draftQueued {
      id
      status
      priority
      queueAt
      ...QueueItemDraft
    }
  }
`);

export const DraftUpdatedSubscription = graphql(`
  subscription DraftUpdated {
    draftUpdated {
      id
      status
      priority
      queueAt
      updatedAt
      claimExpiresAt
      ...QueueItemDraft
    }
  }
`);

export const ReviewQueueQuery = graphql(`
  query ReviewQueue(
    $first: Int!
    $status: [DraftStatus!]
    $safety: [SafetyRecommendation!]
    $customerStatus: [CustomerStatus!]
    $claimedByMe: Boolean
    $accountId: ID
  ) {
    reviewQueue(
      first: $first
      status: $status
      safety: $safety
      customerStatus: $customerStatus
      claimedByMe: $claimedByMe
      accountId: $accountId
    ) {
      edges {
        node {
          id
          status
          priority
          queueAt
          createdAt
          ...QueueItemDraft
        }
      }
      pageInfo {
        hasNextPage
      }
    }
  }
`);

export const QueueStatsQuery = graphql(`
  query QueueStats {
    queueStats {
      pending
      claimedLastHour
      medianWaitSeconds
      oldestPendingAt
    }
  }
`);

/** The accounts the queue can be narrowed to. */
export const QueueAccountsQuery = graphql(`
  query QueueAccounts {
    telegramAccounts {
      id
      label
    }
  }
`);
