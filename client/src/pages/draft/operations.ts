// The draft pages' GraphQL operations and the fragments their components read, kept free of React so
// the server tests can send the same documents (client/src/gql/graphql.ts exports them typed).
import { graphql } from '../../gql';

export const DeliveryPanelDraft = graphql(`
  fragment DeliveryPanelDraft on Draft {
    id
    status
    finalBubbles
    undoableUntil
    reviewedBy {
      id
      displayName
    }
    contact {
      id
      displayName
    }
    deliveries {
      id
      index
      status
      text
      failureReason
      sentAt
    }
  }
`);

export const RetryDeliveryMutation = graphql(`
  mutation RetryDelivery($draftId: ID!) {
    retryDelivery(draftId: $draftId) {
      __typename
      ... on RetryDeliverySuccess {
        draft {
          id
          status
          deliveries {
            id
            index
            status
            text
            failureReason
            sentAt
          }
        }
      }
      ... on Error {
        message
      }
    }
  }
`);

/** What the drafter could not use: read by the badges beside "Suggested by". */
export const ContextBadgesDraft = graphql(`
  fragment ContextBadgesDraft on Draft {
    contextTrimmed
    contextNote
    draftedWithoutProfile
  }
`);

export const DraftFormDraft = graphql(`
  fragment DraftFormDraft on Draft {
    id
    status
    bubbles
    finalBubbles
    editTags
    qualityScore
    notes
    previousEdit
    newMessages {
      id
    }
    drafter
    failureReason
    ...ContextBadgesDraft
    claimedBy {
      id
      displayName
    }
    reviewedBy {
      id
      displayName
    }
    contact {
      id
      displayName
      ...FunnelFieldsContact
    }
  }
`);

export const ApproveDraftMutation = graphql(`
  mutation ApproveDraft($input: ApproveDraftInput!) {
    approveDraft(input: $input) {
      __typename
      ... on ApproveDraftSuccess {
        previousStatus
        newStatus
        ltvAdded
        ltvTotal
        draft {
          id
          status
          finalBubbles
          undoableUntil
          contact {
            id
            customerStatus
            ltv
          }
        }
      }
      ... on Error {
        message
      }
      ... on ValidationError {
        field
      }
      ... on InvalidTransitionError {
        field
      }
    }
  }
`);

export const RedraftDraftMutation = graphql(`
  mutation RedraftDraft($input: RedraftDraftInput!) {
    redraftDraft(input: $input) {
      __typename
      ... on RedraftDraftSuccess {
        draft {
          id
          status
        }
      }
      ... on Error {
        message
      }
    }
  }
`);

export const DraftEditorQuery = graphql(`
  query DraftEditor($id: ID!) {
    draft(id: $id) {
      id
      status
      account {
        id
        label
        kind
      }
      contact {
        id
        displayName
        ...PersonPanelContact
      }
      ...InboundBurstDraft
      ...SafetyPanelDraft
      ...DeliveryPanelDraft
      ...DraftFormDraft
    }
  }
`);

export const DraftEditorUpdatedSubscription = graphql(`
  subscription DraftEditorUpdated {
    draftUpdated {
      id
    }
  }
`);

export const InboundBurstDraft = graphql(`
  fragment InboundBurstDraft on Draft {
    inboundText
    createdAt
    newMessages {
      id
      text
      sentAt
    }
    contact {
      id
      displayName
      username
      telegramUserId
      customerStatus
      ltv
    }
  }
`);

export const RejectDraftMutation = graphql(`
  mutation RejectDraft($input: RejectDraftInput!) {
    rejectDraft(input: $input) {
      __typename
      ... on RejectDraftSuccess {
        draft {
          id
          status
          notes
        }
      }
      ... on Error {
        message
      }
      ... on ValidationError {
        field
      }
    }
  }
`);

export const SafetyPanelDraft = graphql(`
  fragment SafetyPanelDraft on Draft {
    safety {
      risk
      recommendation
      findings {
        category
        match
      }
    }
  }
`);

export const ClaimDraftMutation = graphql(`
  mutation ClaimDraft($id: ID!) {
    claimDraft(id: $id) {
      __typename
      ... on ClaimDraftSuccess {
        draft {
          id
          status
          claimExpiresAt
          claimedBy {
            id
            displayName
          }
        }
      }
      ... on Error {
        message
      }
      ... on ClaimConflictError {
        claimedBy
      }
    }
  }
`);

export const ReleaseDraftMutation = graphql(`
  mutation ReleaseDraft($id: ID!) {
    releaseDraft(id: $id) {
      __typename
    }
  }
`);

export const UndoApprovalMutation = graphql(`
  mutation UndoApproval($draftId: ID!) {
    undoApproval(draftId: $draftId) {
      __typename
      ... on UndoApprovalSuccess {
        customerStatus
        ltvRemoved
        ltvTotal
        draft {
          id
          status
          claimExpiresAt
          claimedBy {
            id
            displayName
          }
          finalBubbles
          editTags
          qualityScore
          notes
          undoableUntil
          deliveries {
            id
          }
          contact {
            id
            customerStatus
            ltv
          }
        }
      }
      ... on Error {
        message
      }
      ... on UndoRefusedError {
        reason
      }
    }
  }
`);

/**
 * The drafts waiting at the head of the queue, for "approve and next". The app keeps this first page
 * of the queue (50 drafts, the queue's page size) cached and live, so reading it costs no request.
 */
export const NextDraftsQuery = graphql(`
  query NextDrafts($first: Int!) {
    reviewQueue(first: $first) {
      edges {
        node {
          id
          status
        }
      }
    }
  }
`);

export const DraftHistoryQuery = graphql(`
  query DraftHistory($id: ID!, $last: Int!, $before: String) {
    draft(id: $id) {
      id
      contact {
        id
        displayName
      }
      history(last: $last, before: $before) {
        edges {
          node {
            id
            ...ConversationTurnDraft
          }
        }
        pageInfo {
          hasPreviousPage
          startCursor
        }
      }
    }
  }
`);

export const ReplyTemplatesQuery = graphql(`
  query ReplyTemplates($draftId: ID!) {
    templates(draftId: $draftId) {
      id
      name
      filled
    }
  }
`);

export const EditTagSuggestionsQuery = graphql(`
  query EditTagSuggestions {
    editTags {
      id
      name
      color
    }
  }
`);
