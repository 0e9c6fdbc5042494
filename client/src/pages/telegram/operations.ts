// The Telegram page's GraphQL operations, kept free of React so the server tests can send the same documents.
import { graphql } from '../../gql';

export const TelegramAccountFields = graphql(`
  fragment TelegramAccountFields on TelegramAccount {
    id
    kind
    label
    username
    state
    stateDetail
    stateChangedAt
    disabled
    adminTelegramIds
    persona {
      id
      name
    }
    createdAt
  }
`);

export const TelegramAccountsQuery = graphql(`
  query TelegramAccounts {
    telegramAccounts {
      id
      ...TelegramAccountFields
    }
    personas {
      id
      name
    }
  }
`);

export const TelegramAccountUpdatedSubscription = graphql(`
  subscription TelegramAccountUpdated {
    telegramAccountUpdated {
      id
      removed
      ...TelegramAccountFields
    }
  }
`);

export const AddSandboxAccountMutation = graphql(`
  mutation AddSandboxAccount($label: String!) {
    addSandboxAccount(label: $label) {
      __typename
      ... on AddSandboxAccountSuccess {
        account {
          id
          ...TelegramAccountFields
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

export const UpdateTelegramAccountMutation = graphql(`
  mutation UpdateTelegramAccount($id: ID!, $label: String, $personaId: ID, $disabled: Boolean) {
    updateTelegramAccount(id: $id, label: $label, personaId: $personaId, disabled: $disabled) {
      __typename
      ... on UpdateTelegramAccountSuccess {
        account {
          id
          ...TelegramAccountFields
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

export const RemoveTelegramAccountMutation = graphql(`
  mutation RemoveTelegramAccount($id: ID!, $eraseHistory: Boolean!) {
    removeTelegramAccount(id: $id, eraseHistory: $eraseHistory) {
      __typename
      ... on RemoveTelegramAccountSuccess {
        erasedContacts
        account {
          id
          removed
        }
      }
      ... on Error {
        message
      }
    }
  }
`);
