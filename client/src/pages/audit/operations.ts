// The audit page's GraphQL operations, kept free of React so the server tests can send the same documents
// (client/src/gql/graphql.ts exports them typed).
import { graphql } from '../../gql';

export const AuditFilterOptionsQuery = graphql(`
  query AuditFilterOptions {
    auditActions
    reviewers {
      id
      displayName
      email
    }
  }
`);

export const AuditLogQuery = graphql(`
  query AuditLog($first: Int!, $after: String, $action: String, $actorId: ID, $from: DateTime, $to: DateTime) {
    auditLog(first: $first, after: $after, action: $action, actorId: $actorId, from: $from, to: $to) {
      edges {
        node {
          id
          action
          createdAt
          subjectId
          detail
          actor {
            id
            displayName
            email
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);
