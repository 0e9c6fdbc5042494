// The account pages' GraphQL operations and the fragments their components read, kept free of React so
// the server tests can send the same documents (client/src/gql/graphql.ts exports them typed).
import { graphql } from '../../gql';

export const ChangePasswordMutation = graphql(`
  mutation ChangePassword($input: ChangePasswordInput!) {
    changePassword(input: $input) {
      __typename
      ... on ChangePasswordSuccess {
        ok
      }
      ... on ValidationError {
        field
        message
      }
    }
  }
`);
