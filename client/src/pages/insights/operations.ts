// The Insights page's GraphQL operations, kept free of React so the server tests can send the same documents
// (client/src/gql/graphql.ts exports them typed).
import { graphql } from '../../gql';

export const InsightsMeasures = graphql(`
  fragment InsightsMeasures on ReviewMeasures {
    decided
    approved
    rejected
    edited
    approvalRate
    editedShare
    meanEditDistance
    medianReviewSeconds
    p90ReviewSeconds
    medianWaitSeconds
    llmCalls
    llmTokens
    llmCostUsd
    messagesPerDraft
  }
`);

export const InsightsReviewQuery = graphql(`
  query InsightsReview($from: DateTime!, $to: DateTime!) {
    reviewStats(from: $from, to: $to) {
      from
      to
      ...InsightsMeasures
      daily {
        day
        ...InsightsMeasures
      }
      byReviewer {
        reviewer {
          id
          displayName
          email
        }
        ...InsightsMeasures
      }
    }
  }
`);

export const InsightsFunnelQuery = graphql(`
  query InsightsFunnel($from: DateTime!, $to: DateTime!) {
    funnelStats(from: $from, to: $to) {
      from
      to
      byStatus {
        status
        contacts
      }
      transitions {
        from
        to
        count
        overrides
      }
      ltvAdded
      ltvTotal
      daily {
        day
        newCustomers
        winBacks
        ltvAdded
      }
    }
  }
`);
