// Fragments of the components pages share, kept free of React so the server tests can send the same
// documents (client/src/gql/graphql.ts exports them typed).
import { graphql } from '../gql';

export const ConversationTurnDraft = graphql(`
  fragment ConversationTurnDraft on Draft {
    id
    status
    createdAt
    burst {
      id
      text
      sentAt
    }
    finalBubbles
    reviewedAt
    reviewedBy {
      id
      displayName
    }
    deliveries {
      id
      index
      status
      text
      failureReason
      sentAt
    }
  }
`);

export const PersonPanelContact = graphql(`
  fragment PersonPanelContact on Contact {
    id
    profile {
      summary
      language
      preferences {
        id
        topic
        stance
        confidence
        pinned
      }
      mood {
        label
        valence
        intensity
        at
      }
      moodHistory(last: 20) {
        label
        valence
        intensity
        at
      }
      style {
        messages
        meanLength
        emojiRate
        questionRate
        formality
        typicalReplySeconds
        activeHoursUtc
      }
      updatedAt
    }
  }
`);
