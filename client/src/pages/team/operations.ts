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
      ...TeamReviewer
    }
  }
`);

export const TeamReviewer = graphql(`
  fragment TeamReviewer on Reviewer {
    id
    email
    displayName
    role
    active
    mustChangePassword
  }
`);

export const SetReviewerRoleMutation = graphql(`
  mutation SetReviewerRole($input: SetReviewerRoleInput!) {
    setReviewerRole(input: $input) {
      __typename
      ... on SetReviewerRoleSuccess {
        reviewer {
          id
          role
          active
          mustChangePassword
          ...TeamReviewer
        }
      }
      ... on Error {
        message
      }
    }
  }
`);

export const DeactivateReviewerMutation = graphql(`
  mutation DeactivateReviewer($id: ID!) {
    deactivateReviewer(id: $id) {
      __typename
      ... on DeactivateReviewerSuccess {
        reviewer {
          id
          role
          active
          mustChangePassword
          ...TeamReviewer
        }
      }
      ... on Error {
        message
      }
    }
  }
`);

export const ReactivateReviewerMutation = graphql(`
  mutation ReactivateReviewer($id: ID!) {
    reactivateReviewer(id: $id) {
      __typename
      ... on ReactivateReviewerSuccess {
        reviewer {
          id
          role
          active
          mustChangePassword
          ...TeamReviewer
        }
      }
      ... on Error {
        message
      }
    }
  }
`);

export const ResetReviewerPasswordMutation = graphql(`
  mutation ResetReviewerPassword($id: ID!) {
    resetReviewerPassword(id: $id) {
      __typename
      ... on ResetReviewerPasswordSuccess {
        temporaryPassword
        reviewer {
          id
          role
          active
          mustChangePassword
          ...TeamReviewer
        }
      }
      ... on Error {
        message
      }
    }
  }
`);

export const TemplatesAdminQuery = graphql(`
  query TemplatesAdmin {
    templates {
      id
      name
      text
      updatedAt
    }
    templateVariables {
      name
      description
    }
  }
`);

export const SaveTemplateMutation = graphql(`
  mutation SaveTemplate($input: SaveTemplateInput!) {
    saveTemplate(input: $input) {
      __typename
      ... on SaveTemplateSuccess {
        template {
          id
          name
          text
          updatedAt
        }
      }
      ... on Error {
        message
      }
      ... on ValidationError {
        field
      }
      ... on UnknownTemplateVariableError {
        field
        variables
      }
    }
  }
`);

export const DeleteTemplateMutation = graphql(`
  mutation DeleteTemplate($id: ID!) {
    deleteTemplate(id: $id) {
      __typename
      ... on DeleteTemplateSuccess {
        id
      }
      ... on Error {
        message
      }
    }
  }
`);

export const EditTagsAdminQuery = graphql(`
  query EditTagsAdmin {
    editTags(includeRetired: true) {
      id
      name
      color
      retired
    }
  }
`);

export const SaveEditTagMutation = graphql(`
  mutation SaveEditTag($input: SaveEditTagInput!) {
    saveEditTag(input: $input) {
      __typename
      ... on SaveEditTagSuccess {
        tag {
          id
          name
          color
          retired
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

export const RetireEditTagMutation = graphql(`
  mutation RetireEditTag($id: ID!, $retired: Boolean) {
    retireEditTag(id: $id, retired: $retired) {
      __typename
      ... on RetireEditTagSuccess {
        tag {
          id
          name
          color
          retired
        }
      }
      ... on Error {
        message
      }
    }
  }
`);
