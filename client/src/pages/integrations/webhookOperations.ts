// The webhooks section's GraphQL operations, kept free of React so the server tests can send the same documents
// (client/src/gql/graphql.ts exports them typed).
import { graphql } from '../../gql';

export const WebhookFieldsFragment = graphql(`
  fragment WebhookFields on Webhook {
    id
    url
    events
    enabled
    disabledAt
    disabledReason
    consecutiveFailures
    createdAt
  }
`);

export const WebhooksQuery = graphql(`
  query Webhooks {
    webhooks {
      ...WebhookFields
    }
  }
`);

export const WebhookDeliveriesQuery = graphql(`
  query WebhookDeliveries($webhookId: ID!, $first: Int, $after: String) {
    webhookDeliveries(webhookId: $webhookId, first: $first, after: $after) {
      edges {
        node {
          id
          eventId
          type
          status
          attempts
          responseStatus
          lastError
          occurredAt
          lastAttemptAt
          nextAttemptAt
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const SaveWebhookMutation = graphql(`
  mutation SaveWebhook($input: SaveWebhookInput!) {
    saveWebhook(input: $input) {
      __typename
      ... on SaveWebhookSuccess {
        secret
        webhook {
          ...WebhookFields
        }
      }
      ... on WebhookAddressRefusedError {
        field
        host
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

export const DeleteWebhookMutation = graphql(`
  mutation DeleteWebhook($id: ID!) {
    deleteWebhook(id: $id) {
      __typename
      ... on DeleteWebhookSuccess {
        id
      }
      ... on Error {
        message
      }
    }
  }
`);

export const SendTestWebhookEventMutation = graphql(`
  mutation SendTestWebhookEvent($id: ID!) {
    sendTestWebhookEvent(id: $id) {
      __typename
      ... on SendTestWebhookEventSuccess {
        delivery {
          id
          eventId
          status
        }
      }
      ... on Error {
        message
      }
    }
  }
`);
