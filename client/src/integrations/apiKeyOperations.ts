import { graphql } from '../gql';

export const ApiKeyRow = graphql(`
  fragment ApiKeyRow on ApiKey {
    id
    name
    role
    prefix
    createdAt
    expiresAt
    lastUsedAt
    revokedAt
  }
`);

export const ApiKeysQuery = graphql(`
  query ApiKeys {
    apiKeys {
      id
      ...ApiKeyRow
    }
  }
`);

export const CreateApiKeyMutation = graphql(`
  mutation CreateApiKey($input: CreateApiKeyInput!) {
    createApiKey(input: $input) {
      __typename
      ... on CreateApiKeySuccess {
        secret
        apiKey {
          id
          ...ApiKeyRow
        }
      }
      ... on ValidationError {
        field
        message
      }
      ... on ApiKeyNotAllowedError {
        message
      }
    }
  }
`);

export const RevokeApiKeyMutation = graphql(`
  mutation RevokeApiKey($id: ID!) {
    revokeApiKey(id: $id) {
      __typename
      ... on RevokeApiKeySuccess {
        apiKey {
          id
          ...ApiKeyRow
        }
      }
      ... on NotFoundError {
        message
      }
    }
  }
`);
