/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query AuditLogPage($first: Int, $after: String, $action: String, $actorId: ID, $from: DateTime, $to: DateTime) {\n    auditLog(first: $first, after: $after, action: $action, actorId: $actorId, from: $from, to: $to) {\n      edges {\n        cursor\n        node {\n          id\n          action\n          actor {\n            email\n          }\n          subjectId\n          detail\n          createdAt\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.AuditLogPageDocument,
    "\n  query ReviewStatsScenario($from: DateTime, $to: DateTime, $reviewerId: ID) {\n    reviewStats(from: $from, to: $to, reviewerId: $reviewerId) {\n      ...Measures\n      byReviewer {\n        reviewer {\n          email\n        }\n        ...Measures\n      }\n      daily {\n        day\n        ...Measures\n      }\n    }\n  }\n  fragment Measures on ReviewMeasures {\n    decided\n    approved\n    rejected\n    edited\n    approvalRate\n    editedShare\n    meanEditDistance\n    medianReviewSeconds\n    p90ReviewSeconds\n    medianWaitSeconds\n    llmCalls\n    llmTokens\n    llmCostUsd\n    messagesPerDraft\n  }\n": typeof types.ReviewStatsScenarioDocument,
    "\n  mutation WrongPasswordLogin {\n    login(email: \"admin@example.com\", password: \"nope\") {\n      __typename\n      ... on Error {\n        message\n      }\n    }\n  }\n": typeof types.WrongPasswordLoginDocument,
    "\n  mutation LoginEmail($email: String!) {\n    login(email: $email, password: \"x\") {\n      __typename\n      ... on ValidationError {\n        field\n      }\n    }\n  }\n": typeof types.LoginEmailDocument,
    "\n  query WhoAmI {\n    me {\n      email\n    }\n  }\n": typeof types.WhoAmIDocument,
    "\n  query Team {\n    reviewers {\n      email\n    }\n  }\n": typeof types.TeamDocument,
    "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      __typename\n      ... on LoginSuccess {\n        token\n      }\n      ... on TooManyAttemptsError {\n        retryAfterSeconds\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n": typeof types.LoginDocument,
    "\n  query SandboxChat($telegramUserId: String!) {\n    sandboxChat(telegramUserId: $telegramUserId) {\n      id\n      direction\n      text\n    }\n  }\n": typeof types.SandboxChatDocument,
    "\n  subscription DraftQueued {\n    draftQueued {\n      id\n      status\n      inboundText\n      bubbles\n      contact {\n        telegramUserId\n      }\n    }\n  }\n": typeof types.DraftQueuedDocument,
    "\n  subscription DraftUpdated {\n    draftUpdated {\n      id\n      status\n    }\n  }\n": typeof types.DraftUpdatedDocument,
    "\n  query Draft($id: ID!) {\n    draft(id: $id) {\n      id\n      status\n      bubbles\n      finalBubbles\n      inboundText\n      failureReason\n      deliveries {\n        index\n        status\n        text\n      }\n      contact {\n        id\n        customerStatus\n        ltv\n      }\n    }\n  }\n": typeof types.DraftDocument,
    "\n  query DraftContext($id: ID!) {\n    draft(id: $id) {\n      id\n      contextTrimmed\n      contextNote\n      draftedWithoutProfile\n      contact {\n        id\n      }\n    }\n  }\n": typeof types.DraftContextDocument,
    "\n  mutation ClaimDraft($id: ID!) {\n    claimDraft(id: $id) {\n      __typename\n      ... on ClaimDraftSuccess {\n        draft {\n          id\n          status\n          claimedBy {\n            email\n          }\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n": typeof types.ClaimDraftDocument,
    "\n  mutation ApproveDraft($input: ApproveDraftInput!) {\n    approveDraft(input: $input) {\n      __typename\n      ... on ApproveDraftSuccess {\n        previousStatus\n        newStatus\n        ltvTotal\n        ltvAdded\n        draft {\n          id\n          status\n          finalBubbles\n        }\n      }\n      ... on ValidationError {\n        field\n        message\n      }\n      ... on InvalidTransitionError {\n        from\n        to\n        message\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n": typeof types.ApproveDraftDocument,
    "\n  mutation SetCustomerStatus($input: SetCustomerStatusInput!) {\n    setCustomerStatus(input: $input) {\n      __typename\n      ... on SetCustomerStatusSuccess {\n        previousStatus\n        newStatus\n        ltvTotal\n        contact {\n          customerStatus\n          ltv\n        }\n      }\n      ... on ValidationError {\n        field\n        message\n      }\n      ... on InvalidTransitionError {\n        from\n        to\n        message\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n": typeof types.SetCustomerStatusDocument,
    "\n  query Contact($id: ID!) {\n    contact(id: $id) {\n      id\n      customerStatus\n      ltv\n      statusHistory {\n        fromStatus\n        toStatus\n        override\n        reason\n      }\n      messages(first: 100) {\n        edges {\n          node {\n            direction\n            text\n            draftId\n          }\n        }\n      }\n    }\n  }\n": typeof types.ContactDocument,
    "\n  mutation ChangePassword($input: ChangePasswordInput!) {\n    changePassword(input: $input) {\n      __typename\n      ... on ValidationError {\n        field\n      }\n    }\n  }\n": typeof types.ChangePasswordDocument,
    "\n  query ComponentDetail {\n    health {\n      components {\n        name\n        state\n        detail\n      }\n    }\n  }\n": typeof types.ComponentDetailDocument,
    "\n  query ComponentHealth {\n    health {\n      state\n      components {\n        name\n        state\n      }\n    }\n  }\n": typeof types.ComponentHealthDocument,
    "\n  query ComponentState {\n    health {\n      components {\n        name\n        state\n      }\n    }\n  }\n": typeof types.ComponentStateDocument,
    "\n  query ContactsWithHistory {\n    contacts(first: 50) {\n      edges {\n        node {\n          id\n          ltv\n          statusHistory {\n            toStatus\n          }\n          messages(first: 5) {\n            edges {\n              node {\n                text\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.ContactsWithHistoryDocument,
    "\n  mutation CreateReviewer($input: CreateReviewerInput!) {\n    createReviewer(input: $input) {\n      __typename\n      ... on CreateReviewerSuccess {\n        reviewer {\n          email\n          role\n          displayName\n        }\n      }\n      ... on ValidationError {\n        field\n        message\n      }\n    }\n  }\n": typeof types.CreateReviewerDocument,
    "\n  query Deliveries($id: ID!) {\n    draft(id: $id) {\n      status\n      deliveries {\n        status\n        failureReason\n      }\n      contact {\n        messages(first: 20) {\n          edges {\n            node {\n              direction\n              text\n              telegramMessageId\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.DeliveriesDocument,
    "\n  mutation DismissFailedJob($id: ID!) {\n    dismissFailedJob(id: $id) {\n      __typename\n      ... on DismissFailedJobSuccess {\n        failedJob {\n          id\n          resolvedAt\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n": typeof types.DismissFailedJobDocument,
    "\n  query FailedJobs {\n    failedJobs(first: 20) {\n      edges {\n        node {\n          id\n          kind\n          subjectId\n          attempts\n          lastError\n          failedAt\n          resolvedAt\n        }\n      }\n    }\n  }\n": typeof types.FailedJobsDocument,
    "\n  query HealthDetail {\n    health {\n      state\n      components {\n        name\n        state\n        detail\n      }\n    }\n  }\n": typeof types.HealthDetailDocument,
    "\n  query Health {\n    health {\n      state\n      mode\n    }\n  }\n": typeof types.HealthDocument,
    "\n  query Me {\n    me {\n      email\n    }\n  }\n": typeof types.MeDocument,
    "\n  query MemoryStats($id: ID) {\n    memoryStats(contactId: $id) {\n      profiles\n      turns\n      snapshots\n      contextBytes\n      compressions\n      historyLimitHits\n      compression\n      maxHistory\n      maxContextKb\n    }\n  }\n": typeof types.MemoryStatsDocument,
    "\n  query Personas {\n    personas {\n      name\n      active\n    }\n  }\n": typeof types.PersonasDocument,
    "\n  query ResendQueueIds {\n    reviewQueue {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n": typeof types.ResendQueueIdsDocument,
    "\n  query QueueOrder {\n    reviewQueue(first: 20) {\n      edges {\n        node {\n          id\n          status\n          contact {\n            telegramUserId\n          }\n        }\n      }\n    }\n  }\n": typeof types.QueueOrderDocument,
    "\n  subscription QueueRow {\n    draftUpdated {\n      id\n      status\n      contact {\n        id\n        displayName\n      }\n      deliveries {\n        id\n        status\n      }\n    }\n  }\n": typeof types.QueueRowDocument,
    "\n  query OutageQueue {\n    reviewQueue {\n      edges {\n        node {\n          inboundText\n          contact {\n            displayName\n          }\n        }\n      }\n    }\n  }\n": typeof types.OutageQueueDocument,
    "\n  query QueueWithRelations {\n    reviewQueue(first: 50) {\n      edges {\n        node {\n          id\n          status\n          bubbles\n          safety {\n            risk\n          }\n          claimedBy {\n            email\n          }\n          deliveries {\n            status\n          }\n          contact {\n            id\n            displayName\n            customerStatus\n            ltv\n          }\n        }\n      }\n    }\n  }\n": typeof types.QueueWithRelationsDocument,
    "\n  query QueuedDeliveries {\n    reviewQueue {\n      edges {\n        node {\n          id\n          status\n          deliveries {\n            status\n            failureReason\n          }\n        }\n      }\n    }\n  }\n": typeof types.QueuedDeliveriesDocument,
    "\n  query QueuedDrafts {\n    reviewQueue {\n      edges {\n        node {\n          id\n          inboundText\n          contact {\n            telegramUserId\n            displayName\n          }\n        }\n      }\n    }\n  }\n": typeof types.QueuedDraftsDocument,
    "\n  query QueuedIds {\n    reviewQueue {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n": typeof types.QueuedIdsDocument,
    "\n  query RecoveryQueue {\n    reviewQueue {\n      edges {\n        node {\n          id\n          inboundText\n          contact {\n            displayName\n          }\n        }\n      }\n    }\n  }\n": typeof types.RecoveryQueueDocument,
    "\n  mutation ReleaseDraft($id: ID!) {\n    releaseDraft(id: $id) {\n      __typename\n      ... on ReleaseDraftSuccess {\n        draft {\n          status\n          claimedBy {\n            email\n          }\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n": typeof types.ReleaseDraftDocument,
    "\n  mutation RetryFailedJob($id: ID!) {\n    retryFailedJob(id: $id) {\n      __typename\n      ... on RetryFailedJobSuccess {\n        failedJob {\n          id\n          resolvedAt\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n": typeof types.RetryFailedJobDocument,
    "\n  query ReviewQueue {\n    reviewQueue(first: 50) {\n      edges {\n        node {\n          id\n          status\n          inboundText\n          bubbles\n          contact {\n            id\n            displayName\n            customerStatus\n            ltv\n          }\n        }\n      }\n    }\n  }\n": typeof types.ReviewQueueDocument,
    "\n  subscription SandboxMessage($telegramUserId: String!) {\n    sandboxMessage(telegramUserId: $telegramUserId) {\n      id\n      direction\n      text\n    }\n  }\n": typeof types.SandboxMessageDocument,
    "\n  mutation SavePersona($input: SavePersonaInput!) {\n    savePersona(input: $input) {\n      __typename\n      ... on SavePersonaSuccess {\n        persona {\n          id\n          name\n          active\n        }\n      }\n      ... on ValidationError {\n        field\n      }\n    }\n  }\n": typeof types.SavePersonaDocument,
    "\n  query ReviewersSettings {\n    reviewers {\n      email\n      settings {\n        approveAndNext\n      }\n    }\n  }\n": typeof types.ReviewersSettingsDocument,
    "\n  subscription FilteredDraftQueued(\n    $status: [DraftStatus!]\n    $safety: [SafetyRecommendation!]\n    $customerStatus: [CustomerStatus!]\n    $claimedByMe: Boolean\n  ) {\n    draftQueued(status: $status, safety: $safety, customerStatus: $customerStatus, claimedByMe: $claimedByMe) {\n      id\n      inboundText\n    }\n  }\n": typeof types.FilteredDraftQueuedDocument,
    "\n  query ContactProfile($id: ID!, $last: Int) {\n    contact(id: $id) {\n      id\n      profile {\n        summary\n        language\n        preferences {\n          id\n          topic\n          stance\n          confidence\n          lastSeenAt\n          pinned\n        }\n        mood {\n          label\n          valence\n          intensity\n          at\n        }\n        moodHistory(last: $last) {\n          label\n          valence\n          intensity\n          at\n        }\n        style {\n          messages\n          meanLength\n          emojiRate\n          questionRate\n          formality\n          typicalReplySeconds\n          activeHoursUtc\n        }\n        updatedAt\n      }\n    }\n  }\n": typeof types.ContactProfileDocument,
    "\n  query ContactsProfiles($first: Int!) {\n    contacts(first: $first) {\n      edges {\n        node {\n          id\n          profile {\n            language\n            preferences {\n              topic\n              stance\n            }\n            moodHistory(last: 3) {\n              label\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.ContactsProfilesDocument,
    "\n  mutation CorrectProfile($input: CorrectProfileInput!) {\n    correctProfile(input: $input) {\n      __typename\n      ... on CorrectProfileSuccess {\n        contact {\n          id\n          profile {\n            summary\n            preferences {\n              id\n              topic\n              stance\n              confidence\n              pinned\n            }\n          }\n        }\n      }\n      ... on ValidationError {\n        field\n        message\n      }\n      ... on NotFoundError {\n        entity\n      }\n    }\n  }\n": typeof types.CorrectProfileDocument,
    "\n  query TelegramAccountStates {\n    telegramAccounts {\n      id\n      kind\n      state\n      stateDetail\n    }\n  }\n": typeof types.TelegramAccountStatesDocument,
    "\n  query TelegramComponents {\n    health {\n      components {\n        name\n        state\n      }\n    }\n  }\n": typeof types.TelegramComponentsDocument,
};
const documents: Documents = {
    "\n  query AuditLogPage($first: Int, $after: String, $action: String, $actorId: ID, $from: DateTime, $to: DateTime) {\n    auditLog(first: $first, after: $after, action: $action, actorId: $actorId, from: $from, to: $to) {\n      edges {\n        cursor\n        node {\n          id\n          action\n          actor {\n            email\n          }\n          subjectId\n          detail\n          createdAt\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.AuditLogPageDocument,
    "\n  query ReviewStatsScenario($from: DateTime, $to: DateTime, $reviewerId: ID) {\n    reviewStats(from: $from, to: $to, reviewerId: $reviewerId) {\n      ...Measures\n      byReviewer {\n        reviewer {\n          email\n        }\n        ...Measures\n      }\n      daily {\n        day\n        ...Measures\n      }\n    }\n  }\n  fragment Measures on ReviewMeasures {\n    decided\n    approved\n    rejected\n    edited\n    approvalRate\n    editedShare\n    meanEditDistance\n    medianReviewSeconds\n    p90ReviewSeconds\n    medianWaitSeconds\n    llmCalls\n    llmTokens\n    llmCostUsd\n    messagesPerDraft\n  }\n": types.ReviewStatsScenarioDocument,
    "\n  mutation WrongPasswordLogin {\n    login(email: \"admin@example.com\", password: \"nope\") {\n      __typename\n      ... on Error {\n        message\n      }\n    }\n  }\n": types.WrongPasswordLoginDocument,
    "\n  mutation LoginEmail($email: String!) {\n    login(email: $email, password: \"x\") {\n      __typename\n      ... on ValidationError {\n        field\n      }\n    }\n  }\n": types.LoginEmailDocument,
    "\n  query WhoAmI {\n    me {\n      email\n    }\n  }\n": types.WhoAmIDocument,
    "\n  query Team {\n    reviewers {\n      email\n    }\n  }\n": types.TeamDocument,
    "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      __typename\n      ... on LoginSuccess {\n        token\n      }\n      ... on TooManyAttemptsError {\n        retryAfterSeconds\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n": types.LoginDocument,
    "\n  query SandboxChat($telegramUserId: String!) {\n    sandboxChat(telegramUserId: $telegramUserId) {\n      id\n      direction\n      text\n    }\n  }\n": types.SandboxChatDocument,
    "\n  subscription DraftQueued {\n    draftQueued {\n      id\n      status\n      inboundText\n      bubbles\n      contact {\n        telegramUserId\n      }\n    }\n  }\n": types.DraftQueuedDocument,
    "\n  subscription DraftUpdated {\n    draftUpdated {\n      id\n      status\n    }\n  }\n": types.DraftUpdatedDocument,
    "\n  query Draft($id: ID!) {\n    draft(id: $id) {\n      id\n      status\n      bubbles\n      finalBubbles\n      inboundText\n      failureReason\n      deliveries {\n        index\n        status\n        text\n      }\n      contact {\n        id\n        customerStatus\n        ltv\n      }\n    }\n  }\n": types.DraftDocument,
    "\n  query DraftContext($id: ID!) {\n    draft(id: $id) {\n      id\n      contextTrimmed\n      contextNote\n      draftedWithoutProfile\n      contact {\n        id\n      }\n    }\n  }\n": types.DraftContextDocument,
    "\n  mutation ClaimDraft($id: ID!) {\n    claimDraft(id: $id) {\n      __typename\n      ... on ClaimDraftSuccess {\n        draft {\n          id\n          status\n          claimedBy {\n            email\n          }\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n": types.ClaimDraftDocument,
    "\n  mutation ApproveDraft($input: ApproveDraftInput!) {\n    approveDraft(input: $input) {\n      __typename\n      ... on ApproveDraftSuccess {\n        previousStatus\n        newStatus\n        ltvTotal\n        ltvAdded\n        draft {\n          id\n          status\n          finalBubbles\n        }\n      }\n      ... on ValidationError {\n        field\n        message\n      }\n      ... on InvalidTransitionError {\n        from\n        to\n        message\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n": types.ApproveDraftDocument,
    "\n  mutation SetCustomerStatus($input: SetCustomerStatusInput!) {\n    setCustomerStatus(input: $input) {\n      __typename\n      ... on SetCustomerStatusSuccess {\n        previousStatus\n        newStatus\n        ltvTotal\n        contact {\n          customerStatus\n          ltv\n        }\n      }\n      ... on ValidationError {\n        field\n        message\n      }\n      ... on InvalidTransitionError {\n        from\n        to\n        message\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n": types.SetCustomerStatusDocument,
    "\n  query Contact($id: ID!) {\n    contact(id: $id) {\n      id\n      customerStatus\n      ltv\n      statusHistory {\n        fromStatus\n        toStatus\n        override\n        reason\n      }\n      messages(first: 100) {\n        edges {\n          node {\n            direction\n            text\n            draftId\n          }\n        }\n      }\n    }\n  }\n": types.ContactDocument,
    "\n  mutation ChangePassword($input: ChangePasswordInput!) {\n    changePassword(input: $input) {\n      __typename\n      ... on ValidationError {\n        field\n      }\n    }\n  }\n": types.ChangePasswordDocument,
    "\n  query ComponentDetail {\n    health {\n      components {\n        name\n        state\n        detail\n      }\n    }\n  }\n": types.ComponentDetailDocument,
    "\n  query ComponentHealth {\n    health {\n      state\n      components {\n        name\n        state\n      }\n    }\n  }\n": types.ComponentHealthDocument,
    "\n  query ComponentState {\n    health {\n      components {\n        name\n        state\n      }\n    }\n  }\n": types.ComponentStateDocument,
    "\n  query ContactsWithHistory {\n    contacts(first: 50) {\n      edges {\n        node {\n          id\n          ltv\n          statusHistory {\n            toStatus\n          }\n          messages(first: 5) {\n            edges {\n              node {\n                text\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": types.ContactsWithHistoryDocument,
    "\n  mutation CreateReviewer($input: CreateReviewerInput!) {\n    createReviewer(input: $input) {\n      __typename\n      ... on CreateReviewerSuccess {\n        reviewer {\n          email\n          role\n          displayName\n        }\n      }\n      ... on ValidationError {\n        field\n        message\n      }\n    }\n  }\n": types.CreateReviewerDocument,
    "\n  query Deliveries($id: ID!) {\n    draft(id: $id) {\n      status\n      deliveries {\n        status\n        failureReason\n      }\n      contact {\n        messages(first: 20) {\n          edges {\n            node {\n              direction\n              text\n              telegramMessageId\n            }\n          }\n        }\n      }\n    }\n  }\n": types.DeliveriesDocument,
    "\n  mutation DismissFailedJob($id: ID!) {\n    dismissFailedJob(id: $id) {\n      __typename\n      ... on DismissFailedJobSuccess {\n        failedJob {\n          id\n          resolvedAt\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n": types.DismissFailedJobDocument,
    "\n  query FailedJobs {\n    failedJobs(first: 20) {\n      edges {\n        node {\n          id\n          kind\n          subjectId\n          attempts\n          lastError\n          failedAt\n          resolvedAt\n        }\n      }\n    }\n  }\n": types.FailedJobsDocument,
    "\n  query HealthDetail {\n    health {\n      state\n      components {\n        name\n        state\n        detail\n      }\n    }\n  }\n": types.HealthDetailDocument,
    "\n  query Health {\n    health {\n      state\n      mode\n    }\n  }\n": types.HealthDocument,
    "\n  query Me {\n    me {\n      email\n    }\n  }\n": types.MeDocument,
    "\n  query MemoryStats($id: ID) {\n    memoryStats(contactId: $id) {\n      profiles\n      turns\n      snapshots\n      contextBytes\n      compressions\n      historyLimitHits\n      compression\n      maxHistory\n      maxContextKb\n    }\n  }\n": types.MemoryStatsDocument,
    "\n  query Personas {\n    personas {\n      name\n      active\n    }\n  }\n": types.PersonasDocument,
    "\n  query ResendQueueIds {\n    reviewQueue {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n": types.ResendQueueIdsDocument,
    "\n  query QueueOrder {\n    reviewQueue(first: 20) {\n      edges {\n        node {\n          id\n          status\n          contact {\n            telegramUserId\n          }\n        }\n      }\n    }\n  }\n": types.QueueOrderDocument,
    "\n  subscription QueueRow {\n    draftUpdated {\n      id\n      status\n      contact {\n        id\n        displayName\n      }\n      deliveries {\n        id\n        status\n      }\n    }\n  }\n": types.QueueRowDocument,
    "\n  query OutageQueue {\n    reviewQueue {\n      edges {\n        node {\n          inboundText\n          contact {\n            displayName\n          }\n        }\n      }\n    }\n  }\n": types.OutageQueueDocument,
    "\n  query QueueWithRelations {\n    reviewQueue(first: 50) {\n      edges {\n        node {\n          id\n          status\n          bubbles\n          safety {\n            risk\n          }\n          claimedBy {\n            email\n          }\n          deliveries {\n            status\n          }\n          contact {\n            id\n            displayName\n            customerStatus\n            ltv\n          }\n        }\n      }\n    }\n  }\n": types.QueueWithRelationsDocument,
    "\n  query QueuedDeliveries {\n    reviewQueue {\n      edges {\n        node {\n          id\n          status\n          deliveries {\n            status\n            failureReason\n          }\n        }\n      }\n    }\n  }\n": types.QueuedDeliveriesDocument,
    "\n  query QueuedDrafts {\n    reviewQueue {\n      edges {\n        node {\n          id\n          inboundText\n          contact {\n            telegramUserId\n            displayName\n          }\n        }\n      }\n    }\n  }\n": types.QueuedDraftsDocument,
    "\n  query QueuedIds {\n    reviewQueue {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n": types.QueuedIdsDocument,
    "\n  query RecoveryQueue {\n    reviewQueue {\n      edges {\n        node {\n          id\n          inboundText\n          contact {\n            displayName\n          }\n        }\n      }\n    }\n  }\n": types.RecoveryQueueDocument,
    "\n  mutation ReleaseDraft($id: ID!) {\n    releaseDraft(id: $id) {\n      __typename\n      ... on ReleaseDraftSuccess {\n        draft {\n          status\n          claimedBy {\n            email\n          }\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n": types.ReleaseDraftDocument,
    "\n  mutation RetryFailedJob($id: ID!) {\n    retryFailedJob(id: $id) {\n      __typename\n      ... on RetryFailedJobSuccess {\n        failedJob {\n          id\n          resolvedAt\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n": types.RetryFailedJobDocument,
    "\n  query ReviewQueue {\n    reviewQueue(first: 50) {\n      edges {\n        node {\n          id\n          status\n          inboundText\n          bubbles\n          contact {\n            id\n            displayName\n            customerStatus\n            ltv\n          }\n        }\n      }\n    }\n  }\n": types.ReviewQueueDocument,
    "\n  subscription SandboxMessage($telegramUserId: String!) {\n    sandboxMessage(telegramUserId: $telegramUserId) {\n      id\n      direction\n      text\n    }\n  }\n": types.SandboxMessageDocument,
    "\n  mutation SavePersona($input: SavePersonaInput!) {\n    savePersona(input: $input) {\n      __typename\n      ... on SavePersonaSuccess {\n        persona {\n          id\n          name\n          active\n        }\n      }\n      ... on ValidationError {\n        field\n      }\n    }\n  }\n": types.SavePersonaDocument,
    "\n  query ReviewersSettings {\n    reviewers {\n      email\n      settings {\n        approveAndNext\n      }\n    }\n  }\n": types.ReviewersSettingsDocument,
    "\n  subscription FilteredDraftQueued(\n    $status: [DraftStatus!]\n    $safety: [SafetyRecommendation!]\n    $customerStatus: [CustomerStatus!]\n    $claimedByMe: Boolean\n  ) {\n    draftQueued(status: $status, safety: $safety, customerStatus: $customerStatus, claimedByMe: $claimedByMe) {\n      id\n      inboundText\n    }\n  }\n": types.FilteredDraftQueuedDocument,
    "\n  query ContactProfile($id: ID!, $last: Int) {\n    contact(id: $id) {\n      id\n      profile {\n        summary\n        language\n        preferences {\n          id\n          topic\n          stance\n          confidence\n          lastSeenAt\n          pinned\n        }\n        mood {\n          label\n          valence\n          intensity\n          at\n        }\n        moodHistory(last: $last) {\n          label\n          valence\n          intensity\n          at\n        }\n        style {\n          messages\n          meanLength\n          emojiRate\n          questionRate\n          formality\n          typicalReplySeconds\n          activeHoursUtc\n        }\n        updatedAt\n      }\n    }\n  }\n": types.ContactProfileDocument,
    "\n  query ContactsProfiles($first: Int!) {\n    contacts(first: $first) {\n      edges {\n        node {\n          id\n          profile {\n            language\n            preferences {\n              topic\n              stance\n            }\n            moodHistory(last: 3) {\n              label\n            }\n          }\n        }\n      }\n    }\n  }\n": types.ContactsProfilesDocument,
    "\n  mutation CorrectProfile($input: CorrectProfileInput!) {\n    correctProfile(input: $input) {\n      __typename\n      ... on CorrectProfileSuccess {\n        contact {\n          id\n          profile {\n            summary\n            preferences {\n              id\n              topic\n              stance\n              confidence\n              pinned\n            }\n          }\n        }\n      }\n      ... on ValidationError {\n        field\n        message\n      }\n      ... on NotFoundError {\n        entity\n      }\n    }\n  }\n": types.CorrectProfileDocument,
    "\n  query TelegramAccountStates {\n    telegramAccounts {\n      id\n      kind\n      state\n      stateDetail\n    }\n  }\n": types.TelegramAccountStatesDocument,
    "\n  query TelegramComponents {\n    health {\n      components {\n        name\n        state\n      }\n    }\n  }\n": types.TelegramComponentsDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditLogPage($first: Int, $after: String, $action: String, $actorId: ID, $from: DateTime, $to: DateTime) {\n    auditLog(first: $first, after: $after, action: $action, actorId: $actorId, from: $from, to: $to) {\n      edges {\n        cursor\n        node {\n          id\n          action\n          actor {\n            email\n          }\n          subjectId\n          detail\n          createdAt\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query AuditLogPage($first: Int, $after: String, $action: String, $actorId: ID, $from: DateTime, $to: DateTime) {\n    auditLog(first: $first, after: $after, action: $action, actorId: $actorId, from: $from, to: $to) {\n      edges {\n        cursor\n        node {\n          id\n          action\n          actor {\n            email\n          }\n          subjectId\n          detail\n          createdAt\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReviewStatsScenario($from: DateTime, $to: DateTime, $reviewerId: ID) {\n    reviewStats(from: $from, to: $to, reviewerId: $reviewerId) {\n      ...Measures\n      byReviewer {\n        reviewer {\n          email\n        }\n        ...Measures\n      }\n      daily {\n        day\n        ...Measures\n      }\n    }\n  }\n  fragment Measures on ReviewMeasures {\n    decided\n    approved\n    rejected\n    edited\n    approvalRate\n    editedShare\n    meanEditDistance\n    medianReviewSeconds\n    p90ReviewSeconds\n    medianWaitSeconds\n    llmCalls\n    llmTokens\n    llmCostUsd\n    messagesPerDraft\n  }\n"): (typeof documents)["\n  query ReviewStatsScenario($from: DateTime, $to: DateTime, $reviewerId: ID) {\n    reviewStats(from: $from, to: $to, reviewerId: $reviewerId) {\n      ...Measures\n      byReviewer {\n        reviewer {\n          email\n        }\n        ...Measures\n      }\n      daily {\n        day\n        ...Measures\n      }\n    }\n  }\n  fragment Measures on ReviewMeasures {\n    decided\n    approved\n    rejected\n    edited\n    approvalRate\n    editedShare\n    meanEditDistance\n    medianReviewSeconds\n    p90ReviewSeconds\n    medianWaitSeconds\n    llmCalls\n    llmTokens\n    llmCostUsd\n    messagesPerDraft\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WrongPasswordLogin {\n    login(email: \"admin@example.com\", password: \"nope\") {\n      __typename\n      ... on Error {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation WrongPasswordLogin {\n    login(email: \"admin@example.com\", password: \"nope\") {\n      __typename\n      ... on Error {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LoginEmail($email: String!) {\n    login(email: $email, password: \"x\") {\n      __typename\n      ... on ValidationError {\n        field\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation LoginEmail($email: String!) {\n    login(email: $email, password: \"x\") {\n      __typename\n      ... on ValidationError {\n        field\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WhoAmI {\n    me {\n      email\n    }\n  }\n"): (typeof documents)["\n  query WhoAmI {\n    me {\n      email\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Team {\n    reviewers {\n      email\n    }\n  }\n"): (typeof documents)["\n  query Team {\n    reviewers {\n      email\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      __typename\n      ... on LoginSuccess {\n        token\n      }\n      ... on TooManyAttemptsError {\n        retryAfterSeconds\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      __typename\n      ... on LoginSuccess {\n        token\n      }\n      ... on TooManyAttemptsError {\n        retryAfterSeconds\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SandboxChat($telegramUserId: String!) {\n    sandboxChat(telegramUserId: $telegramUserId) {\n      id\n      direction\n      text\n    }\n  }\n"): (typeof documents)["\n  query SandboxChat($telegramUserId: String!) {\n    sandboxChat(telegramUserId: $telegramUserId) {\n      id\n      direction\n      text\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription DraftQueued {\n    draftQueued {\n      id\n      status\n      inboundText\n      bubbles\n      contact {\n        telegramUserId\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription DraftQueued {\n    draftQueued {\n      id\n      status\n      inboundText\n      bubbles\n      contact {\n        telegramUserId\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription DraftUpdated {\n    draftUpdated {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  subscription DraftUpdated {\n    draftUpdated {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Draft($id: ID!) {\n    draft(id: $id) {\n      id\n      status\n      bubbles\n      finalBubbles\n      inboundText\n      failureReason\n      deliveries {\n        index\n        status\n        text\n      }\n      contact {\n        id\n        customerStatus\n        ltv\n      }\n    }\n  }\n"): (typeof documents)["\n  query Draft($id: ID!) {\n    draft(id: $id) {\n      id\n      status\n      bubbles\n      finalBubbles\n      inboundText\n      failureReason\n      deliveries {\n        index\n        status\n        text\n      }\n      contact {\n        id\n        customerStatus\n        ltv\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DraftContext($id: ID!) {\n    draft(id: $id) {\n      id\n      contextTrimmed\n      contextNote\n      draftedWithoutProfile\n      contact {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  query DraftContext($id: ID!) {\n    draft(id: $id) {\n      id\n      contextTrimmed\n      contextNote\n      draftedWithoutProfile\n      contact {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ClaimDraft($id: ID!) {\n    claimDraft(id: $id) {\n      __typename\n      ... on ClaimDraftSuccess {\n        draft {\n          id\n          status\n          claimedBy {\n            email\n          }\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ClaimDraft($id: ID!) {\n    claimDraft(id: $id) {\n      __typename\n      ... on ClaimDraftSuccess {\n        draft {\n          id\n          status\n          claimedBy {\n            email\n          }\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ApproveDraft($input: ApproveDraftInput!) {\n    approveDraft(input: $input) {\n      __typename\n      ... on ApproveDraftSuccess {\n        previousStatus\n        newStatus\n        ltvTotal\n        ltvAdded\n        draft {\n          id\n          status\n          finalBubbles\n        }\n      }\n      ... on ValidationError {\n        field\n        message\n      }\n      ... on InvalidTransitionError {\n        from\n        to\n        message\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ApproveDraft($input: ApproveDraftInput!) {\n    approveDraft(input: $input) {\n      __typename\n      ... on ApproveDraftSuccess {\n        previousStatus\n        newStatus\n        ltvTotal\n        ltvAdded\n        draft {\n          id\n          status\n          finalBubbles\n        }\n      }\n      ... on ValidationError {\n        field\n        message\n      }\n      ... on InvalidTransitionError {\n        from\n        to\n        message\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetCustomerStatus($input: SetCustomerStatusInput!) {\n    setCustomerStatus(input: $input) {\n      __typename\n      ... on SetCustomerStatusSuccess {\n        previousStatus\n        newStatus\n        ltvTotal\n        contact {\n          customerStatus\n          ltv\n        }\n      }\n      ... on ValidationError {\n        field\n        message\n      }\n      ... on InvalidTransitionError {\n        from\n        to\n        message\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SetCustomerStatus($input: SetCustomerStatusInput!) {\n    setCustomerStatus(input: $input) {\n      __typename\n      ... on SetCustomerStatusSuccess {\n        previousStatus\n        newStatus\n        ltvTotal\n        contact {\n          customerStatus\n          ltv\n        }\n      }\n      ... on ValidationError {\n        field\n        message\n      }\n      ... on InvalidTransitionError {\n        from\n        to\n        message\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Contact($id: ID!) {\n    contact(id: $id) {\n      id\n      customerStatus\n      ltv\n      statusHistory {\n        fromStatus\n        toStatus\n        override\n        reason\n      }\n      messages(first: 100) {\n        edges {\n          node {\n            direction\n            text\n            draftId\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Contact($id: ID!) {\n    contact(id: $id) {\n      id\n      customerStatus\n      ltv\n      statusHistory {\n        fromStatus\n        toStatus\n        override\n        reason\n      }\n      messages(first: 100) {\n        edges {\n          node {\n            direction\n            text\n            draftId\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ChangePassword($input: ChangePasswordInput!) {\n    changePassword(input: $input) {\n      __typename\n      ... on ValidationError {\n        field\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ChangePassword($input: ChangePasswordInput!) {\n    changePassword(input: $input) {\n      __typename\n      ... on ValidationError {\n        field\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ComponentDetail {\n    health {\n      components {\n        name\n        state\n        detail\n      }\n    }\n  }\n"): (typeof documents)["\n  query ComponentDetail {\n    health {\n      components {\n        name\n        state\n        detail\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ComponentHealth {\n    health {\n      state\n      components {\n        name\n        state\n      }\n    }\n  }\n"): (typeof documents)["\n  query ComponentHealth {\n    health {\n      state\n      components {\n        name\n        state\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ComponentState {\n    health {\n      components {\n        name\n        state\n      }\n    }\n  }\n"): (typeof documents)["\n  query ComponentState {\n    health {\n      components {\n        name\n        state\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ContactsWithHistory {\n    contacts(first: 50) {\n      edges {\n        node {\n          id\n          ltv\n          statusHistory {\n            toStatus\n          }\n          messages(first: 5) {\n            edges {\n              node {\n                text\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ContactsWithHistory {\n    contacts(first: 50) {\n      edges {\n        node {\n          id\n          ltv\n          statusHistory {\n            toStatus\n          }\n          messages(first: 5) {\n            edges {\n              node {\n                text\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateReviewer($input: CreateReviewerInput!) {\n    createReviewer(input: $input) {\n      __typename\n      ... on CreateReviewerSuccess {\n        reviewer {\n          email\n          role\n          displayName\n        }\n      }\n      ... on ValidationError {\n        field\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateReviewer($input: CreateReviewerInput!) {\n    createReviewer(input: $input) {\n      __typename\n      ... on CreateReviewerSuccess {\n        reviewer {\n          email\n          role\n          displayName\n        }\n      }\n      ... on ValidationError {\n        field\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Deliveries($id: ID!) {\n    draft(id: $id) {\n      status\n      deliveries {\n        status\n        failureReason\n      }\n      contact {\n        messages(first: 20) {\n          edges {\n            node {\n              direction\n              text\n              telegramMessageId\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Deliveries($id: ID!) {\n    draft(id: $id) {\n      status\n      deliveries {\n        status\n        failureReason\n      }\n      contact {\n        messages(first: 20) {\n          edges {\n            node {\n              direction\n              text\n              telegramMessageId\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DismissFailedJob($id: ID!) {\n    dismissFailedJob(id: $id) {\n      __typename\n      ... on DismissFailedJobSuccess {\n        failedJob {\n          id\n          resolvedAt\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation DismissFailedJob($id: ID!) {\n    dismissFailedJob(id: $id) {\n      __typename\n      ... on DismissFailedJobSuccess {\n        failedJob {\n          id\n          resolvedAt\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FailedJobs {\n    failedJobs(first: 20) {\n      edges {\n        node {\n          id\n          kind\n          subjectId\n          attempts\n          lastError\n          failedAt\n          resolvedAt\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query FailedJobs {\n    failedJobs(first: 20) {\n      edges {\n        node {\n          id\n          kind\n          subjectId\n          attempts\n          lastError\n          failedAt\n          resolvedAt\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HealthDetail {\n    health {\n      state\n      components {\n        name\n        state\n        detail\n      }\n    }\n  }\n"): (typeof documents)["\n  query HealthDetail {\n    health {\n      state\n      components {\n        name\n        state\n        detail\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Health {\n    health {\n      state\n      mode\n    }\n  }\n"): (typeof documents)["\n  query Health {\n    health {\n      state\n      mode\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Me {\n    me {\n      email\n    }\n  }\n"): (typeof documents)["\n  query Me {\n    me {\n      email\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MemoryStats($id: ID) {\n    memoryStats(contactId: $id) {\n      profiles\n      turns\n      snapshots\n      contextBytes\n      compressions\n      historyLimitHits\n      compression\n      maxHistory\n      maxContextKb\n    }\n  }\n"): (typeof documents)["\n  query MemoryStats($id: ID) {\n    memoryStats(contactId: $id) {\n      profiles\n      turns\n      snapshots\n      contextBytes\n      compressions\n      historyLimitHits\n      compression\n      maxHistory\n      maxContextKb\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Personas {\n    personas {\n      name\n      active\n    }\n  }\n"): (typeof documents)["\n  query Personas {\n    personas {\n      name\n      active\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ResendQueueIds {\n    reviewQueue {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ResendQueueIds {\n    reviewQueue {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query QueueOrder {\n    reviewQueue(first: 20) {\n      edges {\n        node {\n          id\n          status\n          contact {\n            telegramUserId\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query QueueOrder {\n    reviewQueue(first: 20) {\n      edges {\n        node {\n          id\n          status\n          contact {\n            telegramUserId\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription QueueRow {\n    draftUpdated {\n      id\n      status\n      contact {\n        id\n        displayName\n      }\n      deliveries {\n        id\n        status\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription QueueRow {\n    draftUpdated {\n      id\n      status\n      contact {\n        id\n        displayName\n      }\n      deliveries {\n        id\n        status\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OutageQueue {\n    reviewQueue {\n      edges {\n        node {\n          inboundText\n          contact {\n            displayName\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query OutageQueue {\n    reviewQueue {\n      edges {\n        node {\n          inboundText\n          contact {\n            displayName\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query QueueWithRelations {\n    reviewQueue(first: 50) {\n      edges {\n        node {\n          id\n          status\n          bubbles\n          safety {\n            risk\n          }\n          claimedBy {\n            email\n          }\n          deliveries {\n            status\n          }\n          contact {\n            id\n            displayName\n            customerStatus\n            ltv\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query QueueWithRelations {\n    reviewQueue(first: 50) {\n      edges {\n        node {\n          id\n          status\n          bubbles\n          safety {\n            risk\n          }\n          claimedBy {\n            email\n          }\n          deliveries {\n            status\n          }\n          contact {\n            id\n            displayName\n            customerStatus\n            ltv\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query QueuedDeliveries {\n    reviewQueue {\n      edges {\n        node {\n          id\n          status\n          deliveries {\n            status\n            failureReason\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query QueuedDeliveries {\n    reviewQueue {\n      edges {\n        node {\n          id\n          status\n          deliveries {\n            status\n            failureReason\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query QueuedDrafts {\n    reviewQueue {\n      edges {\n        node {\n          id\n          inboundText\n          contact {\n            telegramUserId\n            displayName\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query QueuedDrafts {\n    reviewQueue {\n      edges {\n        node {\n          id\n          inboundText\n          contact {\n            telegramUserId\n            displayName\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query QueuedIds {\n    reviewQueue {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query QueuedIds {\n    reviewQueue {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RecoveryQueue {\n    reviewQueue {\n      edges {\n        node {\n          id\n          inboundText\n          contact {\n            displayName\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query RecoveryQueue {\n    reviewQueue {\n      edges {\n        node {\n          id\n          inboundText\n          contact {\n            displayName\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReleaseDraft($id: ID!) {\n    releaseDraft(id: $id) {\n      __typename\n      ... on ReleaseDraftSuccess {\n        draft {\n          status\n          claimedBy {\n            email\n          }\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ReleaseDraft($id: ID!) {\n    releaseDraft(id: $id) {\n      __typename\n      ... on ReleaseDraftSuccess {\n        draft {\n          status\n          claimedBy {\n            email\n          }\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RetryFailedJob($id: ID!) {\n    retryFailedJob(id: $id) {\n      __typename\n      ... on RetryFailedJobSuccess {\n        failedJob {\n          id\n          resolvedAt\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RetryFailedJob($id: ID!) {\n    retryFailedJob(id: $id) {\n      __typename\n      ... on RetryFailedJobSuccess {\n        failedJob {\n          id\n          resolvedAt\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReviewQueue {\n    reviewQueue(first: 50) {\n      edges {\n        node {\n          id\n          status\n          inboundText\n          bubbles\n          contact {\n            id\n            displayName\n            customerStatus\n            ltv\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ReviewQueue {\n    reviewQueue(first: 50) {\n      edges {\n        node {\n          id\n          status\n          inboundText\n          bubbles\n          contact {\n            id\n            displayName\n            customerStatus\n            ltv\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription SandboxMessage($telegramUserId: String!) {\n    sandboxMessage(telegramUserId: $telegramUserId) {\n      id\n      direction\n      text\n    }\n  }\n"): (typeof documents)["\n  subscription SandboxMessage($telegramUserId: String!) {\n    sandboxMessage(telegramUserId: $telegramUserId) {\n      id\n      direction\n      text\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SavePersona($input: SavePersonaInput!) {\n    savePersona(input: $input) {\n      __typename\n      ... on SavePersonaSuccess {\n        persona {\n          id\n          name\n          active\n        }\n      }\n      ... on ValidationError {\n        field\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SavePersona($input: SavePersonaInput!) {\n    savePersona(input: $input) {\n      __typename\n      ... on SavePersonaSuccess {\n        persona {\n          id\n          name\n          active\n        }\n      }\n      ... on ValidationError {\n        field\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReviewersSettings {\n    reviewers {\n      email\n      settings {\n        approveAndNext\n      }\n    }\n  }\n"): (typeof documents)["\n  query ReviewersSettings {\n    reviewers {\n      email\n      settings {\n        approveAndNext\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription FilteredDraftQueued(\n    $status: [DraftStatus!]\n    $safety: [SafetyRecommendation!]\n    $customerStatus: [CustomerStatus!]\n    $claimedByMe: Boolean\n  ) {\n    draftQueued(status: $status, safety: $safety, customerStatus: $customerStatus, claimedByMe: $claimedByMe) {\n      id\n      inboundText\n    }\n  }\n"): (typeof documents)["\n  subscription FilteredDraftQueued(\n    $status: [DraftStatus!]\n    $safety: [SafetyRecommendation!]\n    $customerStatus: [CustomerStatus!]\n    $claimedByMe: Boolean\n  ) {\n    draftQueued(status: $status, safety: $safety, customerStatus: $customerStatus, claimedByMe: $claimedByMe) {\n      id\n      inboundText\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ContactProfile($id: ID!, $last: Int) {\n    contact(id: $id) {\n      id\n      profile {\n        summary\n        language\n        preferences {\n          id\n          topic\n          stance\n          confidence\n          lastSeenAt\n          pinned\n        }\n        mood {\n          label\n          valence\n          intensity\n          at\n        }\n        moodHistory(last: $last) {\n          label\n          valence\n          intensity\n          at\n        }\n        style {\n          messages\n          meanLength\n          emojiRate\n          questionRate\n          formality\n          typicalReplySeconds\n          activeHoursUtc\n        }\n        updatedAt\n      }\n    }\n  }\n"): (typeof documents)["\n  query ContactProfile($id: ID!, $last: Int) {\n    contact(id: $id) {\n      id\n      profile {\n        summary\n        language\n        preferences {\n          id\n          topic\n          stance\n          confidence\n          lastSeenAt\n          pinned\n        }\n        mood {\n          label\n          valence\n          intensity\n          at\n        }\n        moodHistory(last: $last) {\n          label\n          valence\n          intensity\n          at\n        }\n        style {\n          messages\n          meanLength\n          emojiRate\n          questionRate\n          formality\n          typicalReplySeconds\n          activeHoursUtc\n        }\n        updatedAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ContactsProfiles($first: Int!) {\n    contacts(first: $first) {\n      edges {\n        node {\n          id\n          profile {\n            language\n            preferences {\n              topic\n              stance\n            }\n            moodHistory(last: 3) {\n              label\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ContactsProfiles($first: Int!) {\n    contacts(first: $first) {\n      edges {\n        node {\n          id\n          profile {\n            language\n            preferences {\n              topic\n              stance\n            }\n            moodHistory(last: 3) {\n              label\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CorrectProfile($input: CorrectProfileInput!) {\n    correctProfile(input: $input) {\n      __typename\n      ... on CorrectProfileSuccess {\n        contact {\n          id\n          profile {\n            summary\n            preferences {\n              id\n              topic\n              stance\n              confidence\n              pinned\n            }\n          }\n        }\n      }\n      ... on ValidationError {\n        field\n        message\n      }\n      ... on NotFoundError {\n        entity\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CorrectProfile($input: CorrectProfileInput!) {\n    correctProfile(input: $input) {\n      __typename\n      ... on CorrectProfileSuccess {\n        contact {\n          id\n          profile {\n            summary\n            preferences {\n              id\n              topic\n              stance\n              confidence\n              pinned\n            }\n          }\n        }\n      }\n      ... on ValidationError {\n        field\n        message\n      }\n      ... on NotFoundError {\n        entity\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TelegramAccountStates {\n    telegramAccounts {\n      id\n      kind\n      state\n      stateDetail\n    }\n  }\n"): (typeof documents)["\n  query TelegramAccountStates {\n    telegramAccounts {\n      id\n      kind\n      state\n      stateDetail\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TelegramComponents {\n    health {\n      components {\n        name\n        state\n      }\n    }\n  }\n"): (typeof documents)["\n  query TelegramComponents {\n    health {\n      components {\n        name\n        state\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;