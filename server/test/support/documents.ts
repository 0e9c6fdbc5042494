import { graphql } from '../gql/index.js';

// Operations more than one test file sends; an operation one file needs lives in that file.

export const LoginMutation = graphql(`
  mutation Login($email: String!, $password: String!) {
    login(email: $email, password: $password) {
      __typename
      ... on LoginSuccess {
        token
      }
      ... on Error {
        message
      }
    }
  }
`);

export const SandboxSendMutation = graphql(`
  mutation SandboxSend($input: SandboxSendInput!) {
    sandboxSend(input: $input) {
      __typename
      ... on SandboxSendSuccess {
        duplicate
        sent {
          id
          text
        }
      }
      ... on ValidationError {
        field
        message
      }
    }
  }
`);

export const SandboxChatQuery = graphql(`
  query SandboxChat($telegramUserId: String!) {
    sandboxChat(telegramUserId: $telegramUserId) {
      id
      direction
      text
    }
  }
`);

export const DraftQueuedSubscription = graphql(`
  subscription DraftQueued {
    draftQueued {
      id
      status
      inboundText
      bubbles
      contact {
        telegramUserId
      }
    }
  }
`);

export const DraftUpdatedSubscription = graphql(`
  subscription DraftUpdated {
    draftUpdated {
      id
      status
    }
  }
`);

export const DraftQuery = graphql(`
  query Draft($id: ID!) {
    draft(id: $id) {
      id
      status
      bubbles
      finalBubbles
      inboundText
      failureReason
      deliveries {
        index
        status
        text
      }
      contact {
        id
        customerStatus
        ltv
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
          claimedBy {
            email
          }
        }
      }
      ... on Error {
        message
      }
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
        ltvTotal
        ltvAdded
        draft {
          id
          status
          finalBubbles
        }
      }
      ... on ValidationError {
        field
        message
      }
      ... on InvalidTransitionError {
        from
        to
        message
      }
      ... on Error {
        message
      }
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
      ... on ValidationError {
        field
      }
      ... on Error {
        message
      }
    }
  }
`);

export const SetCustomerStatusMutation = graphql(`
  mutation SetCustomerStatus($input: SetCustomerStatusInput!) {
    setCustomerStatus(input: $input) {
      __typename
      ... on SetCustomerStatusSuccess {
        previousStatus
        newStatus
        ltvTotal
        contact {
          customerStatus
          ltv
        }
      }
      ... on ValidationError {
        field
        message
      }
      ... on InvalidTransitionError {
        from
        to
        message
      }
      ... on Error {
        message
      }
    }
  }
`);

export const ContactQuery = graphql(`
  query Contact($id: ID!) {
    contact(id: $id) {
      id
      customerStatus
      ltv
      statusHistory {
        fromStatus
        toStatus
        override
        reason
      }
      messages(first: 100) {
        edges {
          node {
            direction
            text
            draftId
          }
        }
      }
    }
  }
`);

export const EraseContactMutation = graphql(`
  mutation EraseContact($id: ID!) {
    eraseContact(id: $id) {
      __typename
      ... on EraseContactSuccess {
        contactId
        erasedDrafts
        erasedMessages
      }
      ... on Error {
        message
      }
    }
  }
`);
