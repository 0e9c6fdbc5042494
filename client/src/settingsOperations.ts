// The reviewer's desk settings, kept free of React so the server tests can send the same documents.
import { graphql } from './gql';

export const ReviewerSettingsQuery = graphql(`
  query ReviewerSettings {
    me {
      id
      settings {
        approveAndNext
        sound
        notifications
      }
    }
  }
`);

export const SaveSettingsMutation = graphql(`
  mutation SaveSettings($input: SaveSettingsInput!) {
    saveSettings(input: $input) {
      __typename
      ... on SaveSettingsSuccess {
        reviewer {
          id
          settings {
            approveAndNext
            sound
            notifications
          }
        }
      }
      ... on ValidationError {
        field
        message
      }
    }
  }
`);
