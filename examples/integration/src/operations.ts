// The operations this integration sends. `pnpm codegen` types them from server/schema.graphql into ./gql.
import { graphql } from './gql/index.js';

export const WaitingDrafts = graphql(`
  query WaitingDrafts($first: Int!) {
    reviewQueue(first: $first, status: [PENDING]) {
      edges {
        node {
          id
          status
          inboundText
          bubbles
          contact {
            id
            displayName
            customerStatus
          }
        }
      }
    }
  }
`);

export const Approve = graphql(`
  mutation ApproveWithStatus($input: ApproveDraftInput!) {
    approveDraft(input: $input) {
      __typename
      ... on ApproveDraftSuccess {
        draft {
          id
          status
          finalBubbles
        }
      }
      ... on Error {
        message
      }
    }
  }
`);

export const SaveWebhook = graphql(`
  mutation SaveIntegrationWebhook($input: SaveWebhookInput!) {
    saveWebhook(input: $input) {
      __typename
      ... on SaveWebhookSuccess {
        webhook {
          id
          url
          events
        }
        secret
      }
      ... on Error {
        message
      }
    }
  }
`);

export const DeleteWebhook = graphql(`
  mutation DeleteIntegrationWebhook($id: ID!) {
    deleteWebhook(id: $id) {
      __typename
      ... on Error {
        message
      }
    }
  }
`);
