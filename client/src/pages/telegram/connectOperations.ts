// The operations of the Telegram page's connect forms (a bot by its token, a user account by phone, code and
// 2FA password), free of React so the server tests send the same documents.
import { graphql } from '../../gql';

export const AddBotAccountMutation = graphql(`
  mutation AddBotAccount($label: String!, $token: String!) {
    addBotAccount(label: $label, token: $token) {
      __typename
      ... on ConnectedTelegramAccount {
        accountId
        account {
          id
          label
          username
          state
        }
      }
      ... on Error {
        message
      }
      ... on ValidationError {
        field
      }
      ... on TelegramRefusedError {
        reason
        field
      }
      ... on TelegramFloodWaitError {
        retryAfterSeconds
      }
    }
  }
`);

export const PendingUserLoginsQuery = graphql(`
  query PendingUserLogins {
    pendingUserLogins {
      id
      label
      phone
      step
      codeVia
      passwordHint
      expiresAt
    }
  }
`);

export const StartUserLoginMutation = graphql(`
  mutation StartUserLogin($label: String!, $phone: String!) {
    startUserLogin(label: $label, phone: $phone) {
      __typename
      ... on StartUserLoginSuccess {
        loginId
        login {
          id
          label
          phone
          step
          codeVia
          passwordHint
          expiresAt
        }
      }
      ... on Error {
        message
      }
      ... on ValidationError {
        field
      }
      ... on TelegramRefusedError {
        reason
        field
      }
      ... on TelegramFloodWaitError {
        retryAfterSeconds
      }
    }
  }
`);

export const SubmitLoginCodeMutation = graphql(`
  mutation SubmitLoginCode($loginId: ID!, $code: String!) {
    submitLoginCode(loginId: $loginId, code: $code) {
      __typename
      ... on SubmitLoginCodeSuccess {
        passwordNeeded
        passwordHint
        accountId
        account {
          id
          label
          username
          state
        }
        login {
          id
          label
          phone
          step
          codeVia
          passwordHint
          expiresAt
        }
      }
      ... on Error {
        message
      }
      ... on ValidationError {
        field
      }
      ... on TelegramRefusedError {
        reason
        field
      }
      ... on TelegramFloodWaitError {
        retryAfterSeconds
      }
    }
  }
`);

export const SubmitLoginPasswordMutation = graphql(`
  mutation SubmitLoginPassword($loginId: ID!, $password: String!) {
    submitLoginPassword(loginId: $loginId, password: $password) {
      __typename
      ... on ConnectedTelegramAccount {
        accountId
        account {
          id
          label
          username
          state
        }
      }
      ... on Error {
        message
      }
      ... on ValidationError {
        field
      }
      ... on TelegramRefusedError {
        reason
        field
      }
      ... on TelegramFloodWaitError {
        retryAfterSeconds
      }
    }
  }
`);

export const CancelUserLoginMutation = graphql(`
  mutation CancelUserLogin($loginId: ID!) {
    cancelUserLogin(loginId: $loginId) {
      __typename
      ... on CancelUserLoginSuccess {
        loginId
      }
      ... on Error {
        message
      }
    }
  }
`);
