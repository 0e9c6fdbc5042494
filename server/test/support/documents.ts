import { graphql } from '../gql/index.js';

// The operations server tests send that the web app has no document for (or selects other fields in, which a
// test asserts on as a whole). Where the web app has the same operation, tests import its generated document
// from client/src/gql/graphql.ts instead.

export const LoginMutation = graphql(`
  mutation Login($email: String!, $password: String!) {
    login(email: $email, password: $password) {
      __typename
      ... on LoginSuccess {
        token
      }
      ... on TooManyAttemptsError {
        retryAfterSeconds
      }
      ... on Error {
        message
      }
    }
  }
`);

export const SandboxChatQuery = graphql(`
  query SandboxChat($telegramUserId: String!) {
    sandboxChat(telegramUserId: $telegramUserId) {
      id
      direction
      text
      sentAt
      draftId
      telegramMessageId
    }
  }
`);

export const DraftQueuedSubscription = graphql(`
  subscription DraftQueued {
    draftQueued {
      id
      status
      inboundText
      bubbles
      contact {
        telegramUserId
      }
    }
  }
`);

export const DraftUpdatedSubscription = graphql(`
  subscription DraftUpdated {
    draftUpdated {
      id
      status
    }
  }
`);

export const DraftQuery = graphql(`
  query Draft($id: ID!) {
    draft(id: $id) {
      id
      status
      bubbles
      finalBubbles
      inboundText
      failureReason
      deliveries {
        index
        status
        text
      }
      contact {
        id
        customerStatus
        ltv
      }
    }
  }
`);

export const DraftContextQuery = graphql(`
  query DraftContext($id: ID!) {
    draft(id: $id) {
      id
      contextTrimmed
      contextNote
      draftedWithoutProfile
      contact {
        id
      }
    }
  }
`);

export const ClaimDraftMutation = graphql(`
  mutation ClaimDraft($id: ID!) {
    claimDraft(id: $id) {
      __typename
      ... on ClaimDraftSuccess {
        draft {
          id
          status
          claimedBy {
            email
          }
        }
      }
      ... on Error {
        message
      }
    }
  }
`);

export const ApproveDraftMutation = graphql(`
  mutation ApproveDraft($input: ApproveDraftInput!) {
    approveDraft(input: $input) {
      __typename
      ... on ApproveDraftSuccess {
        previousStatus
        newStatus
        ltvTotal
        ltvAdded
        draft {
          id
          status
          finalBubbles
        }
      }
      ... on ValidationError {
        field
        message
      }
      ... on InvalidTransitionError {
        from
        to
        message
      }
      ... on Error {
        message
      }
    }
  }
`);

export const SetCustomerStatusMutation = graphql(`
  mutation SetCustomerStatus($input: SetCustomerStatusInput!) {
    setCustomerStatus(input: $input) {
      __typename
      ... on SetCustomerStatusSuccess {
        previousStatus
        newStatus
        ltvTotal
        contact {
          customerStatus
          ltv
        }
      }
      ... on ValidationError {
        field
        message
      }
      ... on InvalidTransitionError {
        from
        to
        message
      }
      ... on Error {
        message
      }
    }
  }
`);

export const ContactQuery = graphql(`
  query Contact($id: ID!) {
    contact(id: $id) {
      id
      customerStatus
      ltv
      statusHistory {
        fromStatus
        toStatus
        override
        reason
      }
      messages(first: 100) {
        edges {
          node {
            direction
            text
            draftId
          }
        }
      }
    }
  }
`);

export const ChangePasswordMutation = graphql(`
  mutation ChangePassword($input: ChangePasswordInput!) {
    changePassword(input: $input) {
      __typename
      ... on ValidationError {
        field
      }
    }
  }
`);

export const ComponentDetailQuery = graphql(`
  query ComponentDetail {
    health {
      components {
        name
        state
        detail
      }
    }
  }
`);

export const ComponentHealthQuery = graphql(`
  query ComponentHealth {
    health {
      state
      components {
        name
        state
      }
    }
  }
`);

export const ComponentStateQuery = graphql(`
  query ComponentState {
    health {
      components {
        name
        state
      }
    }
  }
`);

export const ContactsWithHistoryQuery = graphql(`
  query ContactsWithHistory {
    contacts(first: 50) {
      edges {
        node {
          id
          ltv
          statusHistory {
            toStatus
          }
          messages(first: 5) {
            edges {
              node {
                text
              }
            }
          }
        }
      }
    }
  }
`);

export const CreateReviewerMutation = graphql(`
  mutation CreateReviewer($input: CreateReviewerInput!) {
    createReviewer(input: $input) {
      __typename
      ... on CreateReviewerSuccess {
        reviewer {
          email
          role
          displayName
        }
      }
      ... on ValidationError {
        field
        message
      }
    }
  }
`);

export const DeliveriesQuery = graphql(`
  query Deliveries($id: ID!) {
    draft(id: $id) {
      status
      deliveries {
        status
        failureReason
      }
      contact {
        messages(first: 20) {
          edges {
            node {
              direction
              text
              telegramMessageId
            }
          }
        }
      }
    }
  }
`);

export const DismissFailedJobMutation = graphql(`
  mutation DismissFailedJob($id: ID!) {
    dismissFailedJob(id: $id) {
      __typename
      ... on DismissFailedJobSuccess {
        failedJob {
          id
          resolvedAt
        }
      }
      ... on Error {
        message
      }
    }
  }
`);

export const FailedJobsQuery = graphql(`
  query FailedJobs {
    failedJobs(first: 20) {
      edges {
        node {
          id
          kind
          subjectId
          attempts
          lastError
          failedAt
          resolvedAt
        }
      }
    }
  }
`);

export const HealthDetailQuery = graphql(`
  query HealthDetail {
    health {
      state
      components {
        name
        state
        detail
      }
    }
  }
`);

export const HealthQuery = graphql(`
  query Health {
    health {
      state
      mode
    }
  }
`);

export const MeQuery = graphql(`
  query Me {
    me {
      email
    }
  }
`);

export const MemoryStatsQuery = graphql(`
  query MemoryStats($id: ID) {
    memoryStats(contactId: $id) {
      profiles
      turns
      snapshots
      contextBytes
      compressions
      historyLimitHits
      compression
      maxHistory
      maxContextKb
    }
  }
`);

export const PersonasQuery = graphql(`
  query Personas {
    personas {
      name
      active
    }
  }
`);

export const QueueIdsQuery = graphql(`
  query ResendQueueIds {
    reviewQueue {
      edges {
        node {
          id
        }
      }
    }
  }
`);

export const QueueOrderQuery = graphql(`
  query QueueOrder {
    reviewQueue(first: 20) {
      edges {
        node {
          id
          status
          contact {
            telegramUserId
          }
        }
      }
    }
  }
`);

export const QueueRowSubscription = graphql(`
  subscription QueueRow {
    draftUpdated {
      id
      status
      contact {
        id
        displayName
      }
      deliveries {
        id
        status
      }
    }
  }
`);

export const QueueTextsQuery = graphql(`
  query OutageQueue {
    reviewQueue {
      edges {
        node {
          inboundText
          contact {
            displayName
          }
        }
      }
    }
  }
`);

export const QueueWithRelationsQuery = graphql(`
  query QueueWithRelations {
    reviewQueue(first: 50) {
      edges {
        node {
          id
          status
          bubbles
          safety {
            risk
          }
          claimedBy {
            email
          }
          deliveries {
            status
          }
          contact {
            id
            displayName
            customerStatus
            ltv
          }
        }
      }
    }
  }
`);

export const QueuedDeliveriesQuery = graphql(`
  query QueuedDeliveries {
    reviewQueue {
      edges {
        node {
          id
          status
          deliveries {
            status
            failureReason
          }
        }
      }
    }
  }
`);

export const QueuedDraftsQuery = graphql(`
  query QueuedDrafts {
    reviewQueue {
      edges {
        node {
          id
          inboundText
          contact {
            telegramUserId
            displayName
          }
        }
      }
    }
  }
`);

export const QueuedIdsQuery = graphql(`
  query QueuedIds {
    reviewQueue {
      edges {
        node {
          id
        }
      }
    }
  }
`);

export const RecoveryQueueQuery = graphql(`
  query RecoveryQueue {
    reviewQueue {
      edges {
        node {
          id
          inboundText
          contact {
            displayName
          }
        }
      }
    }
  }
`);

export const ReleaseDraftMutation = graphql(`
  mutation ReleaseDraft($id: ID!) {
    releaseDraft(id: $id) {
      __typename
      ... on ReleaseDraftSuccess {
        draft {
          status
          claimedBy {
            email
          }
        }
      }
      ... on Error {
        message
      }
    }
  }
`);

export const RetryFailedJobMutation = graphql(`
  mutation RetryFailedJob($id: ID!) {
    retryFailedJob(id: $id) {
      __typename
      ... on RetryFailedJobSuccess {
        failedJob {
          id
          resolvedAt
        }
      }
      ... on Error {
        message
      }
    }
  }
`);

export const ReviewQueueQuery = graphql(`
  query ReviewQueue {
    reviewQueue(first: 50) {
      edges {
        node {
          id
          status
          inboundText
          bubbles
          contact {
            id
            displayName
            customerStatus
            ltv
          }
        }
      }
    }
  }
`);

export const SandboxMessageSubscription = graphql(`
  subscription SandboxMessage($telegramUserId: String!) {
    sandboxMessage(telegramUserId: $telegramUserId) {
      id
      direction
      text
      sentAt
      draftId
      telegramMessageId
    }
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
        }
      }
      ... on ValidationError {
        field
      }
    }
  }
`);

export const ReviewersSettingsQuery = graphql(`
  query ReviewersSettings {
    reviewers {
      email
      settings {
        approveAndNext
      }
    }
  }
`);

export const FilteredDraftQueuedSubscription = graphql(`
  subscription FilteredDraftQueued(
    $status: [DraftStatus!]
    $safety: [SafetyRecommendation!]
    $customerStatus: [CustomerStatus!]
    $claimedByMe: Boolean
  ) {
    draftQueued(status: $status, safety: $safety, customerStatus: $customerStatus, claimedByMe: $claimedByMe) {
      id
      inboundText
    }
  }
`);

export const ContactProfileQuery = graphql(`
  query ContactProfile($id: ID!, $last: Int) {
    contact(id: $id) {
      id
      profile {
        summary
        language
        preferences {
          id
          topic
          stance
          confidence
          lastSeenAt
          pinned
        }
        mood {
          label
          valence
          intensity
          at
        }
        moodHistory(last: $last) {
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
  }
`);

export const ContactsProfilesQuery = graphql(`
  query ContactsProfiles($first: Int!) {
    contacts(first: $first) {
      edges {
        node {
          id
          profile {
            language
            preferences {
              topic
              stance
            }
            moodHistory(last: 3) {
              label
            }
          }
        }
      }
    }
  }
`);

export const CorrectProfileMutation = graphql(`
  mutation CorrectProfile($input: CorrectProfileInput!) {
    correctProfile(input: $input) {
      __typename
      ... on CorrectProfileSuccess {
        contact {
          id
          profile {
            summary
            preferences {
              id
              topic
              stance
              confidence
              pinned
            }
          }
        }
      }
      ... on ValidationError {
        field
        message
      }
      ... on NotFoundError {
        entity
      }
    }
  }
`);

export const TelegramAccountStatesQuery = graphql(`
  query TelegramAccountStates {
    telegramAccounts {
      id
      kind
      state
      stateDetail
    }
  }
`);

export const ApiKeysQuery = graphql(`
  query ApiKeysList {
    apiKeys {
      id
      name
      role
      prefix
      createdAt
      expiresAt
      lastUsedAt
      revokedAt
    }
  }
`);

export const CreateApiKeyMutation = graphql(`
  mutation CreateKey($input: CreateApiKeyInput!) {
    createApiKey(input: $input) {
      __typename
      ... on CreateApiKeySuccess {
        secret
        apiKey {
          id
          name
          role
          prefix
          expiresAt
          lastUsedAt
          revokedAt
        }
      }
      ... on ValidationError {
        field
        message
      }
      ... on Error {
        message
      }
    }
  }
`);

export const RevokeApiKeyMutation = graphql(`
  mutation RevokeKey($id: ID!) {
    revokeApiKey(id: $id) {
      __typename
      ... on RevokeApiKeySuccess {
        apiKey {
          id
          revokedAt
        }
      }
      ... on Error {
        message
      }
    }
  }
`);

export const SaveSettingsMutation = graphql(`
  mutation SaveSettingsAs($input: SaveSettingsInput!) {
    saveSettings(input: $input) {
      __typename
      ... on Error {
        message
      }
    }
  }
`);
