// The contacts pages' GraphQL operations and the fragments their components read, kept free of React so
// the server tests can send the same documents (client/src/gql/graphql.ts exports them typed).
import { graphql } from '../../gql';

export const ContactPageQuery = graphql(`
  query ContactPage($id: ID!, $last: Int!, $before: String) {
    contact(id: $id) {
      id
      displayName
      customerStatus
      ...ContactSummaryContact
      ...ConversationContact
      ...StatusFormContact
      ...StatusHistoryContact
    }
  }
`);

/**
 * The contact page, live: every change to the person brings the page's fields again (the latest page of
 * messages, `$before` null), and graphcache writes them where the page reads them.
 */
export const ContactUpdatedSubscription = graphql(`
  subscription ContactUpdated($id: ID!, $last: Int!, $before: String) {
    contactUpdated(id: $id) {
      id
      displayName
      customerStatus
      ...ContactSummaryContact
      ...ConversationContact
      ...StatusFormContact
      ...StatusHistoryContact
    }
  }
`);

export const ContactSummaryContact = graphql(`
  fragment ContactSummaryContact on Contact {
    telegramUserId
    username
    customerStatus
    ltv
    createdAt
  }
`);

export const ContactsQuery = graphql(`
  query Contacts($first: Int!, $after: String, $search: String, $status: CustomerStatus) {
    contacts(first: $first, after: $after, search: $search, status: $status) {
      edges {
        node {
          id
          displayName
          username
          telegramUserId
          customerStatus
          ltv
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const ConversationContact = graphql(`
  fragment ConversationContact on Contact {
    displayName
    messages(last: $last, before: $before) {
      edges {
        node {
          id
          direction
          text
          sentAt
          draftId
        }
      }
      pageInfo {
        hasPreviousPage
        startCursor
      }
    }
  }
`);

export const EraseContactMutation = graphql(`
  mutation EraseContact($id: ID!) {
    eraseContact(id: $id) {
      __typename
      ... on EraseContactSuccess {
        contactId
        erasedDrafts
        erasedMessages
      }
      ... on Error {
        message
      }
    }
  }
`);

export const StatusFormContact = graphql(`
  fragment StatusFormContact on Contact {
    id
    customerStatus
    ...FunnelFieldsContact
  }
`);

export const SetCustomerStatusMutation = graphql(`
  mutation SetCustomerStatus($input: SetCustomerStatusInput!) {
    setCustomerStatus(input: $input) {
      __typename
      ... on SetCustomerStatusSuccess {
        previousStatus
        newStatus
        ltvAdded
        ltvTotal
        contact {
          id
          ...ContactSummaryContact
          ...StatusHistoryContact
          ...StatusFormContact
        }
      }
      ... on Error {
        message
      }
      ... on ValidationError {
        field
      }
      ... on InvalidTransitionError {
        field
      }
    }
  }
`);

export const StatusHistoryContact = graphql(`
  fragment StatusHistoryContact on Contact {
    customerStatus
    statusHistory {
      id
      fromStatus
      toStatus
      reason
      override
      draftId
      createdAt
      by {
        id
        displayName
      }
    }
  }
`);
