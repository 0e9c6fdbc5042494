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
  query SandboxChat($telegramUserId: String!) {
    sandboxChat(telegramUserId: $telegramUserId) {
      id
      ...SandboxChatMessage
    }
  }
`);

export const SandboxRepliesSubscription = graphql(`
  subscription SandboxReplies($telegramUserId: String!) {
    sandboxMessage(telegramUserId: $telegramUserId) {
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
    }
  }
`);
