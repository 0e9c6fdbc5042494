// The team pages' GraphQL operations and the fragments their components read, kept free of React so
// the server tests can send the same documents (client/src/gql/graphql.ts exports them typed).
import { graphql } from '../../gql';

export const CreateReviewerMutation = graphql(`
  mutation CreateReviewer($input: CreateReviewerInput!) {
    createReviewer(input: $input) {
      __typename
      ... on CreateReviewerSuccess {
        reviewer {
          id
          email
          displayName
          role
        }
      }
      ... on ValidationError {
        field
        message
      }
    }
  }
`);

export const PersonaFormPersona = graphql(`
  fragment PersonaFormPersona on Persona {
    id
    name
    prompt
    active
  }
`);

export const SavePersonaMutation = graphql(`
  mutation SavePersona($input: SavePersonaInput!) {
    savePersona(input: $input) {
      __typename
      ... on SavePersonaSuccess {
        persona {
          id
          name
          active
          updatedAt
          ...PersonaFormPersona
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

export const PersonasQuery = graphql(`
  query Personas {
    personas {
      id
      name
      prompt
      active
      updatedAt
      ...PersonaFormPersona
    }
    defaultPersonaPrompt
  }
`);

export const ReviewersQuery = graphql(`
  query Reviewers {
    reviewers {
      id
      email
      displayName
      role
    }
  }
`);
