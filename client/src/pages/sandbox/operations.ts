// The sandbox pages' GraphQL operations and the fragments their components read, kept free of React so
// the server tests can send the same documents (client/src/gql/graphql.ts exports them typed).
import { graphql } from '../../gql';

export const SandboxChatMessage = graphql(`
  fragment SandboxChatMessage on Message {
    id
    direction
    text
    sentAt
  }
`);

export const SandboxChatQuery = graphql(`
  query SandboxChat($telegramUserId: String!, $accountId: ID) {
    sandboxChat(telegramUserId: $telegramUserId, accountId: $accountId) {
      id
      ...SandboxChatMessage
    }
  }
`);

export const SandboxRepliesSubscription = graphql(`
  subscription SandboxReplies($telegramUserId: String!, $accountId: ID) {
    sandboxMessage(telegramUserId: $telegramUserId, accountId: $accountId) {
      id
      sentAt
      ...SandboxChatMessage
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
          sentAt
          ...SandboxChatMessage
        }
      }
      ... on ValidationError {
        field
        message
      }
      ... on Error {
        message
      }
    }
  }
`);

/** The sandbox accounts one can write to. */
export const SandboxAccountsQuery = graphql(`
  query SandboxAccounts {
    telegramAccounts {
      id
      kind
      label
      disabled
    }
  }
`);
