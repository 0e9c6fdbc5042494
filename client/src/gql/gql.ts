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
    "\n  mutation Logout {\n    logout\n  }\n": typeof types.LogoutDocument,
    "\n  query ReviewQueueOrder($first: Int!) {\n    reviewQueue(first: $first) {\n      edges {\n        node {\n          id\n          status\n          priority\n          queueAt\n        }\n      }\n    }\n  }\n": typeof types.ReviewQueueOrderDocument,
    "\n  fragment FunnelFieldsContact on Contact {\n    id\n    customerStatus\n    ltv\n  }\n": typeof types.FunnelFieldsContactFragmentDoc,
    "\n  mutation ChangePassword($input: ChangePasswordInput!) {\n    changePassword(input: $input) {\n      __typename\n      ... on ChangePasswordSuccess {\n        ok\n      }\n      ... on ValidationError {\n        field\n        message\n      }\n    }\n  }\n": typeof types.ChangePasswordDocument,
    "\n  query AuditFilterOptions {\n    auditActions\n    reviewers {\n      id\n      displayName\n      email\n    }\n  }\n": typeof types.AuditFilterOptionsDocument,
    "\n  query AuditLog($first: Int!, $after: String, $action: String, $actorId: ID, $from: DateTime, $to: DateTime) {\n    auditLog(first: $first, after: $after, action: $action, actorId: $actorId, from: $from, to: $to) {\n      edges {\n        node {\n          id\n          action\n          createdAt\n          subjectId\n          detail\n          actor {\n            id\n            displayName\n            email\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.AuditLogDocument,
    "\n  query ContactPage($id: ID!, $last: Int!, $before: String) {\n    contact(id: $id) {\n      id\n      displayName\n      customerStatus\n      ...ContactSummaryContact\n      ...ConversationContact\n      ...StatusFormContact\n      ...StatusHistoryContact\n    }\n  }\n": typeof types.ContactPageDocument,
    "\n  fragment ContactSummaryContact on Contact {\n    telegramUserId\n    username\n    customerStatus\n    ltv\n    createdAt\n  }\n": typeof types.ContactSummaryContactFragmentDoc,
    "\n  query Contacts($first: Int!, $after: String, $search: String, $status: CustomerStatus) {\n    contacts(first: $first, after: $after, search: $search, status: $status) {\n      edges {\n        node {\n          id\n          displayName\n          username\n          telegramUserId\n          customerStatus\n          ltv\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.ContactsDocument,
    "\n  fragment ConversationContact on Contact {\n    displayName\n    messages(last: $last, before: $before) {\n      edges {\n        node {\n          id\n          direction\n          text\n          sentAt\n          draftId\n        }\n      }\n      pageInfo {\n        hasPreviousPage\n        startCursor\n      }\n    }\n  }\n": typeof types.ConversationContactFragmentDoc,
    "\n  mutation EraseContact($id: ID!) {\n    eraseContact(id: $id) {\n      __typename\n      ... on EraseContactSuccess {\n        contactId\n        erasedDrafts\n        erasedMessages\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n": typeof types.EraseContactDocument,
    "\n  fragment StatusFormContact on Contact {\n    id\n    customerStatus\n    ...FunnelFieldsContact\n  }\n": typeof types.StatusFormContactFragmentDoc,
    "\n  mutation SetCustomerStatus($input: SetCustomerStatusInput!) {\n    setCustomerStatus(input: $input) {\n      __typename\n      ... on SetCustomerStatusSuccess {\n        previousStatus\n        newStatus\n        ltvAdded\n        ltvTotal\n        contact {\n          id\n          ...ContactSummaryContact\n          ...StatusHistoryContact\n          ...StatusFormContact\n        }\n      }\n      ... on Error {\n        message\n      }\n      ... on ValidationError {\n        field\n      }\n      ... on InvalidTransitionError {\n        field\n      }\n    }\n  }\n": typeof types.SetCustomerStatusDocument,
    "\n  fragment StatusHistoryContact on Contact {\n    customerStatus\n    statusHistory {\n      id\n      fromStatus\n      toStatus\n      reason\n      override\n      draftId\n      createdAt\n      by {\n        id\n        displayName\n      }\n    }\n  }\n": typeof types.StatusHistoryContactFragmentDoc,
    "\n  fragment DeliveryPanelDraft on Draft {\n    id\n    status\n    finalBubbles\n    reviewedBy {\n      id\n      displayName\n    }\n    contact {\n      id\n      displayName\n    }\n    deliveries {\n      id\n      index\n      status\n      text\n      failureReason\n      sentAt\n    }\n  }\n": typeof types.DeliveryPanelDraftFragmentDoc,
    "\n  mutation RetryDelivery($draftId: ID!) {\n    retryDelivery(draftId: $draftId) {\n      __typename\n      ... on RetryDeliverySuccess {\n        draft {\n          id\n          status\n          deliveries {\n            id\n            index\n            status\n            text\n            failureReason\n            sentAt\n          }\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n": typeof types.RetryDeliveryDocument,
    "\n  fragment ContextBadgesDraft on Draft {\n    contextTrimmed\n    contextNote\n    draftedWithoutProfile\n  }\n": typeof types.ContextBadgesDraftFragmentDoc,
    "\n  fragment DraftFormDraft on Draft {\n    id\n    status\n    bubbles\n    previousEdit\n    newMessages {\n      id\n    }\n    drafter\n    failureReason\n    ...ContextBadgesDraft\n    claimedBy {\n      id\n      displayName\n    }\n    reviewedBy {\n      id\n      displayName\n    }\n    contact {\n      id\n      displayName\n      ...FunnelFieldsContact\n    }\n  }\n": typeof types.DraftFormDraftFragmentDoc,
    "\n  mutation ApproveDraft($input: ApproveDraftInput!) {\n    approveDraft(input: $input) {\n      __typename\n      ... on ApproveDraftSuccess {\n        previousStatus\n        newStatus\n        ltvAdded\n        ltvTotal\n        draft {\n          id\n          status\n          finalBubbles\n          contact {\n            id\n            customerStatus\n            ltv\n          }\n        }\n      }\n      ... on Error {\n        message\n      }\n      ... on ValidationError {\n        field\n      }\n      ... on InvalidTransitionError {\n        field\n      }\n    }\n  }\n": typeof types.ApproveDraftDocument,
    "\n  mutation RedraftDraft($input: RedraftDraftInput!) {\n    redraftDraft(input: $input) {\n      __typename\n      ... on RedraftDraftSuccess {\n        draft {\n          id\n          status\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n": typeof types.RedraftDraftDocument,
    "\n  query DraftEditor($id: ID!) {\n    draft(id: $id) {\n      id\n      status\n      contact {\n        id\n        displayName\n      }\n      ...InboundBurstDraft\n      ...SafetyPanelDraft\n      ...DeliveryPanelDraft\n      ...DraftFormDraft\n    }\n  }\n": typeof types.DraftEditorDocument,
    "\n  subscription DraftEditorUpdated {\n    draftUpdated {\n      id\n    }\n  }\n": typeof types.DraftEditorUpdatedDocument,
    "\n  fragment InboundBurstDraft on Draft {\n    inboundText\n    createdAt\n    newMessages {\n      id\n      text\n      sentAt\n    }\n    contact {\n      id\n      displayName\n      username\n      telegramUserId\n      customerStatus\n      ltv\n    }\n  }\n": typeof types.InboundBurstDraftFragmentDoc,
    "\n  mutation RejectDraft($input: RejectDraftInput!) {\n    rejectDraft(input: $input) {\n      __typename\n      ... on RejectDraftSuccess {\n        draft {\n          id\n          status\n          notes\n        }\n      }\n      ... on Error {\n        message\n      }\n      ... on ValidationError {\n        field\n      }\n    }\n  }\n": typeof types.RejectDraftDocument,
    "\n  fragment SafetyPanelDraft on Draft {\n    safety {\n      risk\n      recommendation\n      findings {\n        category\n        match\n      }\n    }\n  }\n": typeof types.SafetyPanelDraftFragmentDoc,
    "\n  mutation ClaimDraft($id: ID!) {\n    claimDraft(id: $id) {\n      __typename\n      ... on ClaimDraftSuccess {\n        draft {\n          id\n          status\n          claimExpiresAt\n          claimedBy {\n            id\n            displayName\n          }\n        }\n      }\n      ... on Error {\n        message\n      }\n      ... on ClaimConflictError {\n        claimedBy\n      }\n    }\n  }\n": typeof types.ClaimDraftDocument,
    "\n  mutation ReleaseDraft($id: ID!) {\n    releaseDraft(id: $id) {\n      __typename\n    }\n  }\n": typeof types.ReleaseDraftDocument,
    "\n  fragment InsightsMeasures on ReviewMeasures {\n    decided\n    approved\n    rejected\n    edited\n    approvalRate\n    editedShare\n    meanEditDistance\n    medianReviewSeconds\n    p90ReviewSeconds\n    medianWaitSeconds\n    llmCalls\n    llmTokens\n    llmCostUsd\n    messagesPerDraft\n  }\n": typeof types.InsightsMeasuresFragmentDoc,
    "\n  query InsightsReview($from: DateTime!, $to: DateTime!) {\n    reviewStats(from: $from, to: $to) {\n      from\n      to\n      ...InsightsMeasures\n      daily {\n        day\n        ...InsightsMeasures\n      }\n      byReviewer {\n        reviewer {\n          id\n          displayName\n          email\n        }\n        ...InsightsMeasures\n      }\n    }\n  }\n": typeof types.InsightsReviewDocument,
    "\n  query InsightsFunnel($from: DateTime!, $to: DateTime!) {\n    funnelStats(from: $from, to: $to) {\n      from\n      to\n      byStatus {\n        status\n        contacts\n      }\n      transitions {\n        from\n        to\n        count\n        overrides\n      }\n      ltvAdded\n      ltvTotal\n      daily {\n        day\n        newCustomers\n        winBacks\n        ltvAdded\n      }\n    }\n  }\n": typeof types.InsightsFunnelDocument,
    "\n  fragment QueueItemDraft on Draft {\n    id\n    status\n    priority\n    queueAt\n    createdAt\n    pendingAt\n    inboundText\n    failureReason\n    contact {\n      id\n      displayName\n      telegramUserId\n      customerStatus\n    }\n    safety {\n      recommendation\n      risk\n    }\n    claimedBy {\n      id\n      displayName\n    }\n    deliveries {\n      id\n      index\n      status\n      failureReason\n      sentAt\n    }\n  }\n": typeof types.QueueItemDraftFragmentDoc,
    "\n  mutation RetryDraft($id: ID!) {\n    retryDraft(id: $id) {\n      __typename\n      ... on RetryDraftSuccess {\n        draft {\n          id\n          status\n          failureReason\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n": typeof types.RetryDraftDocument,
    "\n  subscription DraftQueued {\n    draftQueued {\n      id\n      status\n      priority\n      queueAt\n      ...QueueItemDraft\n    }\n  }\n": typeof types.DraftQueuedDocument,
    "\n  subscription DraftUpdated {\n    draftUpdated {\n      id\n      status\n      priority\n      queueAt\n      updatedAt\n      claimExpiresAt\n      ...QueueItemDraft\n    }\n  }\n": typeof types.DraftUpdatedDocument,
    "\n  query ReviewQueue($first: Int!) {\n    reviewQueue(first: $first) {\n      edges {\n        node {\n          id\n          status\n          priority\n          queueAt\n          createdAt\n          ...QueueItemDraft\n        }\n      }\n      pageInfo {\n        hasNextPage\n      }\n    }\n  }\n": typeof types.ReviewQueueDocument,
    "\n  query QueueStats {\n    queueStats {\n      pending\n      claimedLastHour\n      medianWaitSeconds\n      oldestPendingAt\n    }\n  }\n": typeof types.QueueStatsDocument,
    "\n  fragment SandboxChatMessage on Message {\n    id\n    direction\n    text\n    sentAt\n  }\n": typeof types.SandboxChatMessageFragmentDoc,
    "\n  query SandboxChat($telegramUserId: String!) {\n    sandboxChat(telegramUserId: $telegramUserId) {\n      id\n      ...SandboxChatMessage\n    }\n  }\n": typeof types.SandboxChatDocument,
    "\n  subscription SandboxReplies($telegramUserId: String!) {\n    sandboxMessage(telegramUserId: $telegramUserId) {\n      id\n      sentAt\n      ...SandboxChatMessage\n    }\n  }\n": typeof types.SandboxRepliesDocument,
    "\n  mutation SandboxSend($input: SandboxSendInput!) {\n    sandboxSend(input: $input) {\n      __typename\n      ... on SandboxSendSuccess {\n        duplicate\n        sent {\n          id\n          sentAt\n          ...SandboxChatMessage\n        }\n      }\n      ... on ValidationError {\n        field\n        message\n      }\n    }\n  }\n": typeof types.SandboxSendDocument,
    "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      __typename\n      ... on LoginSuccess {\n        token\n        reviewer {\n          id\n          email\n          displayName\n          role\n        }\n      }\n      ... on Error {\n        message\n      }\n      ... on ValidationError {\n        field\n      }\n      ... on TooManyAttemptsError {\n        retryAfterSeconds\n      }\n    }\n  }\n": typeof types.LoginDocument,
    "\n  mutation CreateReviewer($input: CreateReviewerInput!) {\n    createReviewer(input: $input) {\n      __typename\n      ... on CreateReviewerSuccess {\n        reviewer {\n          id\n          email\n          displayName\n          role\n        }\n      }\n      ... on ValidationError {\n        field\n        message\n      }\n    }\n  }\n": typeof types.CreateReviewerDocument,
    "\n  fragment PersonaFormPersona on Persona {\n    id\n    name\n    prompt\n    active\n  }\n": typeof types.PersonaFormPersonaFragmentDoc,
    "\n  mutation SavePersona($input: SavePersonaInput!) {\n    savePersona(input: $input) {\n      __typename\n      ... on SavePersonaSuccess {\n        persona {\n          id\n          name\n          active\n          updatedAt\n          ...PersonaFormPersona\n        }\n      }\n      ... on Error {\n        message\n      }\n      ... on ValidationError {\n        field\n      }\n    }\n  }\n": typeof types.SavePersonaDocument,
    "\n  query Personas {\n    personas {\n      id\n      name\n      prompt\n      active\n      updatedAt\n      ...PersonaFormPersona\n    }\n    defaultPersonaPrompt\n  }\n": typeof types.PersonasDocument,
    "\n  query Reviewers {\n    reviewers {\n      id\n      email\n      displayName\n      role\n    }\n  }\n": typeof types.ReviewersDocument,
};
const documents: Documents = {
    "\n  mutation Logout {\n    logout\n  }\n": types.LogoutDocument,
    "\n  query ReviewQueueOrder($first: Int!) {\n    reviewQueue(first: $first) {\n      edges {\n        node {\n          id\n          status\n          priority\n          queueAt\n        }\n      }\n    }\n  }\n": types.ReviewQueueOrderDocument,
    "\n  fragment FunnelFieldsContact on Contact {\n    id\n    customerStatus\n    ltv\n  }\n": types.FunnelFieldsContactFragmentDoc,
    "\n  mutation ChangePassword($input: ChangePasswordInput!) {\n    changePassword(input: $input) {\n      __typename\n      ... on ChangePasswordSuccess {\n        ok\n      }\n      ... on ValidationError {\n        field\n        message\n      }\n    }\n  }\n": types.ChangePasswordDocument,
    "\n  query AuditFilterOptions {\n    auditActions\n    reviewers {\n      id\n      displayName\n      email\n    }\n  }\n": types.AuditFilterOptionsDocument,
    "\n  query AuditLog($first: Int!, $after: String, $action: String, $actorId: ID, $from: DateTime, $to: DateTime) {\n    auditLog(first: $first, after: $after, action: $action, actorId: $actorId, from: $from, to: $to) {\n      edges {\n        node {\n          id\n          action\n          createdAt\n          subjectId\n          detail\n          actor {\n            id\n            displayName\n            email\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.AuditLogDocument,
    "\n  query ContactPage($id: ID!, $last: Int!, $before: String) {\n    contact(id: $id) {\n      id\n      displayName\n      customerStatus\n      ...ContactSummaryContact\n      ...ConversationContact\n      ...StatusFormContact\n      ...StatusHistoryContact\n    }\n  }\n": types.ContactPageDocument,
    "\n  fragment ContactSummaryContact on Contact {\n    telegramUserId\n    username\n    customerStatus\n    ltv\n    createdAt\n  }\n": types.ContactSummaryContactFragmentDoc,
    "\n  query Contacts($first: Int!, $after: String, $search: String, $status: CustomerStatus) {\n    contacts(first: $first, after: $after, search: $search, status: $status) {\n      edges {\n        node {\n          id\n          displayName\n          username\n          telegramUserId\n          customerStatus\n          ltv\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.ContactsDocument,
    "\n  fragment ConversationContact on Contact {\n    displayName\n    messages(last: $last, before: $before) {\n      edges {\n        node {\n          id\n          direction\n          text\n          sentAt\n          draftId\n        }\n      }\n      pageInfo {\n        hasPreviousPage\n        startCursor\n      }\n    }\n  }\n": types.ConversationContactFragmentDoc,
    "\n  mutation EraseContact($id: ID!) {\n    eraseContact(id: $id) {\n      __typename\n      ... on EraseContactSuccess {\n        contactId\n        erasedDrafts\n        erasedMessages\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n": types.EraseContactDocument,
    "\n  fragment StatusFormContact on Contact {\n    id\n    customerStatus\n    ...FunnelFieldsContact\n  }\n": types.StatusFormContactFragmentDoc,
    "\n  mutation SetCustomerStatus($input: SetCustomerStatusInput!) {\n    setCustomerStatus(input: $input) {\n      __typename\n      ... on SetCustomerStatusSuccess {\n        previousStatus\n        newStatus\n        ltvAdded\n        ltvTotal\n        contact {\n          id\n          ...ContactSummaryContact\n          ...StatusHistoryContact\n          ...StatusFormContact\n        }\n      }\n      ... on Error {\n        message\n      }\n      ... on ValidationError {\n        field\n      }\n      ... on InvalidTransitionError {\n        field\n      }\n    }\n  }\n": types.SetCustomerStatusDocument,
    "\n  fragment StatusHistoryContact on Contact {\n    customerStatus\n    statusHistory {\n      id\n      fromStatus\n      toStatus\n      reason\n      override\n      draftId\n      createdAt\n      by {\n        id\n        displayName\n      }\n    }\n  }\n": types.StatusHistoryContactFragmentDoc,
    "\n  fragment DeliveryPanelDraft on Draft {\n    id\n    status\n    finalBubbles\n    reviewedBy {\n      id\n      displayName\n    }\n    contact {\n      id\n      displayName\n    }\n    deliveries {\n      id\n      index\n      status\n      text\n      failureReason\n      sentAt\n    }\n  }\n": types.DeliveryPanelDraftFragmentDoc,
    "\n  mutation RetryDelivery($draftId: ID!) {\n    retryDelivery(draftId: $draftId) {\n      __typename\n      ... on RetryDeliverySuccess {\n        draft {\n          id\n          status\n          deliveries {\n            id\n            index\n            status\n            text\n            failureReason\n            sentAt\n          }\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n": types.RetryDeliveryDocument,
    "\n  fragment ContextBadgesDraft on Draft {\n    contextTrimmed\n    contextNote\n    draftedWithoutProfile\n  }\n": types.ContextBadgesDraftFragmentDoc,
    "\n  fragment DraftFormDraft on Draft {\n    id\n    status\n    bubbles\n    previousEdit\n    newMessages {\n      id\n    }\n    drafter\n    failureReason\n    ...ContextBadgesDraft\n    claimedBy {\n      id\n      displayName\n    }\n    reviewedBy {\n      id\n      displayName\n    }\n    contact {\n      id\n      displayName\n      ...FunnelFieldsContact\n    }\n  }\n": types.DraftFormDraftFragmentDoc,
    "\n  mutation ApproveDraft($input: ApproveDraftInput!) {\n    approveDraft(input: $input) {\n      __typename\n      ... on ApproveDraftSuccess {\n        previousStatus\n        newStatus\n        ltvAdded\n        ltvTotal\n        draft {\n          id\n          status\n          finalBubbles\n          contact {\n            id\n            customerStatus\n            ltv\n          }\n        }\n      }\n      ... on Error {\n        message\n      }\n      ... on ValidationError {\n        field\n      }\n      ... on InvalidTransitionError {\n        field\n      }\n    }\n  }\n": types.ApproveDraftDocument,
    "\n  mutation RedraftDraft($input: RedraftDraftInput!) {\n    redraftDraft(input: $input) {\n      __typename\n      ... on RedraftDraftSuccess {\n        draft {\n          id\n          status\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n": types.RedraftDraftDocument,
    "\n  query DraftEditor($id: ID!) {\n    draft(id: $id) {\n      id\n      status\n      contact {\n        id\n        displayName\n      }\n      ...InboundBurstDraft\n      ...SafetyPanelDraft\n      ...DeliveryPanelDraft\n      ...DraftFormDraft\n    }\n  }\n": types.DraftEditorDocument,
    "\n  subscription DraftEditorUpdated {\n    draftUpdated {\n      id\n    }\n  }\n": types.DraftEditorUpdatedDocument,
    "\n  fragment InboundBurstDraft on Draft {\n    inboundText\n    createdAt\n    newMessages {\n      id\n      text\n      sentAt\n    }\n    contact {\n      id\n      displayName\n      username\n      telegramUserId\n      customerStatus\n      ltv\n    }\n  }\n": types.InboundBurstDraftFragmentDoc,
    "\n  mutation RejectDraft($input: RejectDraftInput!) {\n    rejectDraft(input: $input) {\n      __typename\n      ... on RejectDraftSuccess {\n        draft {\n          id\n          status\n          notes\n        }\n      }\n      ... on Error {\n        message\n      }\n      ... on ValidationError {\n        field\n      }\n    }\n  }\n": types.RejectDraftDocument,
    "\n  fragment SafetyPanelDraft on Draft {\n    safety {\n      risk\n      recommendation\n      findings {\n        category\n        match\n      }\n    }\n  }\n": types.SafetyPanelDraftFragmentDoc,
    "\n  mutation ClaimDraft($id: ID!) {\n    claimDraft(id: $id) {\n      __typename\n      ... on ClaimDraftSuccess {\n        draft {\n          id\n          status\n          claimExpiresAt\n          claimedBy {\n            id\n            displayName\n          }\n        }\n      }\n      ... on Error {\n        message\n      }\n      ... on ClaimConflictError {\n        claimedBy\n      }\n    }\n  }\n": types.ClaimDraftDocument,
    "\n  mutation ReleaseDraft($id: ID!) {\n    releaseDraft(id: $id) {\n      __typename\n    }\n  }\n": types.ReleaseDraftDocument,
    "\n  fragment InsightsMeasures on ReviewMeasures {\n    decided\n    approved\n    rejected\n    edited\n    approvalRate\n    editedShare\n    meanEditDistance\n    medianReviewSeconds\n    p90ReviewSeconds\n    medianWaitSeconds\n    llmCalls\n    llmTokens\n    llmCostUsd\n    messagesPerDraft\n  }\n": types.InsightsMeasuresFragmentDoc,
    "\n  query InsightsReview($from: DateTime!, $to: DateTime!) {\n    reviewStats(from: $from, to: $to) {\n      from\n      to\n      ...InsightsMeasures\n      daily {\n        day\n        ...InsightsMeasures\n      }\n      byReviewer {\n        reviewer {\n          id\n          displayName\n          email\n        }\n        ...InsightsMeasures\n      }\n    }\n  }\n": types.InsightsReviewDocument,
    "\n  query InsightsFunnel($from: DateTime!, $to: DateTime!) {\n    funnelStats(from: $from, to: $to) {\n      from\n      to\n      byStatus {\n        status\n        contacts\n      }\n      transitions {\n        from\n        to\n        count\n        overrides\n      }\n      ltvAdded\n      ltvTotal\n      daily {\n        day\n        newCustomers\n        winBacks\n        ltvAdded\n      }\n    }\n  }\n": types.InsightsFunnelDocument,
    "\n  fragment QueueItemDraft on Draft {\n    id\n    status\n    priority\n    queueAt\n    createdAt\n    pendingAt\n    inboundText\n    failureReason\n    contact {\n      id\n      displayName\n      telegramUserId\n      customerStatus\n    }\n    safety {\n      recommendation\n      risk\n    }\n    claimedBy {\n      id\n      displayName\n    }\n    deliveries {\n      id\n      index\n      status\n      failureReason\n      sentAt\n    }\n  }\n": types.QueueItemDraftFragmentDoc,
    "\n  mutation RetryDraft($id: ID!) {\n    retryDraft(id: $id) {\n      __typename\n      ... on RetryDraftSuccess {\n        draft {\n          id\n          status\n          failureReason\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n": types.RetryDraftDocument,
    "\n  subscription DraftQueued {\n    draftQueued {\n      id\n      status\n      priority\n      queueAt\n      ...QueueItemDraft\n    }\n  }\n": types.DraftQueuedDocument,
    "\n  subscription DraftUpdated {\n    draftUpdated {\n      id\n      status\n      priority\n      queueAt\n      updatedAt\n      claimExpiresAt\n      ...QueueItemDraft\n    }\n  }\n": types.DraftUpdatedDocument,
    "\n  query ReviewQueue($first: Int!) {\n    reviewQueue(first: $first) {\n      edges {\n        node {\n          id\n          status\n          priority\n          queueAt\n          createdAt\n          ...QueueItemDraft\n        }\n      }\n      pageInfo {\n        hasNextPage\n      }\n    }\n  }\n": types.ReviewQueueDocument,
    "\n  query QueueStats {\n    queueStats {\n      pending\n      claimedLastHour\n      medianWaitSeconds\n      oldestPendingAt\n    }\n  }\n": types.QueueStatsDocument,
    "\n  fragment SandboxChatMessage on Message {\n    id\n    direction\n    text\n    sentAt\n  }\n": types.SandboxChatMessageFragmentDoc,
    "\n  query SandboxChat($telegramUserId: String!) {\n    sandboxChat(telegramUserId: $telegramUserId) {\n      id\n      ...SandboxChatMessage\n    }\n  }\n": types.SandboxChatDocument,
    "\n  subscription SandboxReplies($telegramUserId: String!) {\n    sandboxMessage(telegramUserId: $telegramUserId) {\n      id\n      sentAt\n      ...SandboxChatMessage\n    }\n  }\n": types.SandboxRepliesDocument,
    "\n  mutation SandboxSend($input: SandboxSendInput!) {\n    sandboxSend(input: $input) {\n      __typename\n      ... on SandboxSendSuccess {\n        duplicate\n        sent {\n          id\n          sentAt\n          ...SandboxChatMessage\n        }\n      }\n      ... on ValidationError {\n        field\n        message\n      }\n    }\n  }\n": types.SandboxSendDocument,
    "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      __typename\n      ... on LoginSuccess {\n        token\n        reviewer {\n          id\n          email\n          displayName\n          role\n        }\n      }\n      ... on Error {\n        message\n      }\n      ... on ValidationError {\n        field\n      }\n      ... on TooManyAttemptsError {\n        retryAfterSeconds\n      }\n    }\n  }\n": types.LoginDocument,
    "\n  mutation CreateReviewer($input: CreateReviewerInput!) {\n    createReviewer(input: $input) {\n      __typename\n      ... on CreateReviewerSuccess {\n        reviewer {\n          id\n          email\n          displayName\n          role\n        }\n      }\n      ... on ValidationError {\n        field\n        message\n      }\n    }\n  }\n": types.CreateReviewerDocument,
    "\n  fragment PersonaFormPersona on Persona {\n    id\n    name\n    prompt\n    active\n  }\n": types.PersonaFormPersonaFragmentDoc,
    "\n  mutation SavePersona($input: SavePersonaInput!) {\n    savePersona(input: $input) {\n      __typename\n      ... on SavePersonaSuccess {\n        persona {\n          id\n          name\n          active\n          updatedAt\n          ...PersonaFormPersona\n        }\n      }\n      ... on Error {\n        message\n      }\n      ... on ValidationError {\n        field\n      }\n    }\n  }\n": types.SavePersonaDocument,
    "\n  query Personas {\n    personas {\n      id\n      name\n      prompt\n      active\n      updatedAt\n      ...PersonaFormPersona\n    }\n    defaultPersonaPrompt\n  }\n": types.PersonasDocument,
    "\n  query Reviewers {\n    reviewers {\n      id\n      email\n      displayName\n      role\n    }\n  }\n": types.ReviewersDocument,
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
export function graphql(source: "\n  mutation Logout {\n    logout\n  }\n"): (typeof documents)["\n  mutation Logout {\n    logout\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReviewQueueOrder($first: Int!) {\n    reviewQueue(first: $first) {\n      edges {\n        node {\n          id\n          status\n          priority\n          queueAt\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ReviewQueueOrder($first: Int!) {\n    reviewQueue(first: $first) {\n      edges {\n        node {\n          id\n          status\n          priority\n          queueAt\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment FunnelFieldsContact on Contact {\n    id\n    customerStatus\n    ltv\n  }\n"): (typeof documents)["\n  fragment FunnelFieldsContact on Contact {\n    id\n    customerStatus\n    ltv\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ChangePassword($input: ChangePasswordInput!) {\n    changePassword(input: $input) {\n      __typename\n      ... on ChangePasswordSuccess {\n        ok\n      }\n      ... on ValidationError {\n        field\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ChangePassword($input: ChangePasswordInput!) {\n    changePassword(input: $input) {\n      __typename\n      ... on ChangePasswordSuccess {\n        ok\n      }\n      ... on ValidationError {\n        field\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditFilterOptions {\n    auditActions\n    reviewers {\n      id\n      displayName\n      email\n    }\n  }\n"): (typeof documents)["\n  query AuditFilterOptions {\n    auditActions\n    reviewers {\n      id\n      displayName\n      email\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditLog($first: Int!, $after: String, $action: String, $actorId: ID, $from: DateTime, $to: DateTime) {\n    auditLog(first: $first, after: $after, action: $action, actorId: $actorId, from: $from, to: $to) {\n      edges {\n        node {\n          id\n          action\n          createdAt\n          subjectId\n          detail\n          actor {\n            id\n            displayName\n            email\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query AuditLog($first: Int!, $after: String, $action: String, $actorId: ID, $from: DateTime, $to: DateTime) {\n    auditLog(first: $first, after: $after, action: $action, actorId: $actorId, from: $from, to: $to) {\n      edges {\n        node {\n          id\n          action\n          createdAt\n          subjectId\n          detail\n          actor {\n            id\n            displayName\n            email\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ContactPage($id: ID!, $last: Int!, $before: String) {\n    contact(id: $id) {\n      id\n      displayName\n      customerStatus\n      ...ContactSummaryContact\n      ...ConversationContact\n      ...StatusFormContact\n      ...StatusHistoryContact\n    }\n  }\n"): (typeof documents)["\n  query ContactPage($id: ID!, $last: Int!, $before: String) {\n    contact(id: $id) {\n      id\n      displayName\n      customerStatus\n      ...ContactSummaryContact\n      ...ConversationContact\n      ...StatusFormContact\n      ...StatusHistoryContact\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ContactSummaryContact on Contact {\n    telegramUserId\n    username\n    customerStatus\n    ltv\n    createdAt\n  }\n"): (typeof documents)["\n  fragment ContactSummaryContact on Contact {\n    telegramUserId\n    username\n    customerStatus\n    ltv\n    createdAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Contacts($first: Int!, $after: String, $search: String, $status: CustomerStatus) {\n    contacts(first: $first, after: $after, search: $search, status: $status) {\n      edges {\n        node {\n          id\n          displayName\n          username\n          telegramUserId\n          customerStatus\n          ltv\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query Contacts($first: Int!, $after: String, $search: String, $status: CustomerStatus) {\n    contacts(first: $first, after: $after, search: $search, status: $status) {\n      edges {\n        node {\n          id\n          displayName\n          username\n          telegramUserId\n          customerStatus\n          ltv\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ConversationContact on Contact {\n    displayName\n    messages(last: $last, before: $before) {\n      edges {\n        node {\n          id\n          direction\n          text\n          sentAt\n          draftId\n        }\n      }\n      pageInfo {\n        hasPreviousPage\n        startCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment ConversationContact on Contact {\n    displayName\n    messages(last: $last, before: $before) {\n      edges {\n        node {\n          id\n          direction\n          text\n          sentAt\n          draftId\n        }\n      }\n      pageInfo {\n        hasPreviousPage\n        startCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EraseContact($id: ID!) {\n    eraseContact(id: $id) {\n      __typename\n      ... on EraseContactSuccess {\n        contactId\n        erasedDrafts\n        erasedMessages\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation EraseContact($id: ID!) {\n    eraseContact(id: $id) {\n      __typename\n      ... on EraseContactSuccess {\n        contactId\n        erasedDrafts\n        erasedMessages\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment StatusFormContact on Contact {\n    id\n    customerStatus\n    ...FunnelFieldsContact\n  }\n"): (typeof documents)["\n  fragment StatusFormContact on Contact {\n    id\n    customerStatus\n    ...FunnelFieldsContact\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetCustomerStatus($input: SetCustomerStatusInput!) {\n    setCustomerStatus(input: $input) {\n      __typename\n      ... on SetCustomerStatusSuccess {\n        previousStatus\n        newStatus\n        ltvAdded\n        ltvTotal\n        contact {\n          id\n          ...ContactSummaryContact\n          ...StatusHistoryContact\n          ...StatusFormContact\n        }\n      }\n      ... on Error {\n        message\n      }\n      ... on ValidationError {\n        field\n      }\n      ... on InvalidTransitionError {\n        field\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SetCustomerStatus($input: SetCustomerStatusInput!) {\n    setCustomerStatus(input: $input) {\n      __typename\n      ... on SetCustomerStatusSuccess {\n        previousStatus\n        newStatus\n        ltvAdded\n        ltvTotal\n        contact {\n          id\n          ...ContactSummaryContact\n          ...StatusHistoryContact\n          ...StatusFormContact\n        }\n      }\n      ... on Error {\n        message\n      }\n      ... on ValidationError {\n        field\n      }\n      ... on InvalidTransitionError {\n        field\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment StatusHistoryContact on Contact {\n    customerStatus\n    statusHistory {\n      id\n      fromStatus\n      toStatus\n      reason\n      override\n      draftId\n      createdAt\n      by {\n        id\n        displayName\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment StatusHistoryContact on Contact {\n    customerStatus\n    statusHistory {\n      id\n      fromStatus\n      toStatus\n      reason\n      override\n      draftId\n      createdAt\n      by {\n        id\n        displayName\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment DeliveryPanelDraft on Draft {\n    id\n    status\n    finalBubbles\n    reviewedBy {\n      id\n      displayName\n    }\n    contact {\n      id\n      displayName\n    }\n    deliveries {\n      id\n      index\n      status\n      text\n      failureReason\n      sentAt\n    }\n  }\n"): (typeof documents)["\n  fragment DeliveryPanelDraft on Draft {\n    id\n    status\n    finalBubbles\n    reviewedBy {\n      id\n      displayName\n    }\n    contact {\n      id\n      displayName\n    }\n    deliveries {\n      id\n      index\n      status\n      text\n      failureReason\n      sentAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RetryDelivery($draftId: ID!) {\n    retryDelivery(draftId: $draftId) {\n      __typename\n      ... on RetryDeliverySuccess {\n        draft {\n          id\n          status\n          deliveries {\n            id\n            index\n            status\n            text\n            failureReason\n            sentAt\n          }\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RetryDelivery($draftId: ID!) {\n    retryDelivery(draftId: $draftId) {\n      __typename\n      ... on RetryDeliverySuccess {\n        draft {\n          id\n          status\n          deliveries {\n            id\n            index\n            status\n            text\n            failureReason\n            sentAt\n          }\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ContextBadgesDraft on Draft {\n    contextTrimmed\n    contextNote\n    draftedWithoutProfile\n  }\n"): (typeof documents)["\n  fragment ContextBadgesDraft on Draft {\n    contextTrimmed\n    contextNote\n    draftedWithoutProfile\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment DraftFormDraft on Draft {\n    id\n    status\n    bubbles\n    previousEdit\n    newMessages {\n      id\n    }\n    drafter\n    failureReason\n    ...ContextBadgesDraft\n    claimedBy {\n      id\n      displayName\n    }\n    reviewedBy {\n      id\n      displayName\n    }\n    contact {\n      id\n      displayName\n      ...FunnelFieldsContact\n    }\n  }\n"): (typeof documents)["\n  fragment DraftFormDraft on Draft {\n    id\n    status\n    bubbles\n    previousEdit\n    newMessages {\n      id\n    }\n    drafter\n    failureReason\n    ...ContextBadgesDraft\n    claimedBy {\n      id\n      displayName\n    }\n    reviewedBy {\n      id\n      displayName\n    }\n    contact {\n      id\n      displayName\n      ...FunnelFieldsContact\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ApproveDraft($input: ApproveDraftInput!) {\n    approveDraft(input: $input) {\n      __typename\n      ... on ApproveDraftSuccess {\n        previousStatus\n        newStatus\n        ltvAdded\n        ltvTotal\n        draft {\n          id\n          status\n          finalBubbles\n          contact {\n            id\n            customerStatus\n            ltv\n          }\n        }\n      }\n      ... on Error {\n        message\n      }\n      ... on ValidationError {\n        field\n      }\n      ... on InvalidTransitionError {\n        field\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ApproveDraft($input: ApproveDraftInput!) {\n    approveDraft(input: $input) {\n      __typename\n      ... on ApproveDraftSuccess {\n        previousStatus\n        newStatus\n        ltvAdded\n        ltvTotal\n        draft {\n          id\n          status\n          finalBubbles\n          contact {\n            id\n            customerStatus\n            ltv\n          }\n        }\n      }\n      ... on Error {\n        message\n      }\n      ... on ValidationError {\n        field\n      }\n      ... on InvalidTransitionError {\n        field\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RedraftDraft($input: RedraftDraftInput!) {\n    redraftDraft(input: $input) {\n      __typename\n      ... on RedraftDraftSuccess {\n        draft {\n          id\n          status\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RedraftDraft($input: RedraftDraftInput!) {\n    redraftDraft(input: $input) {\n      __typename\n      ... on RedraftDraftSuccess {\n        draft {\n          id\n          status\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DraftEditor($id: ID!) {\n    draft(id: $id) {\n      id\n      status\n      contact {\n        id\n        displayName\n      }\n      ...InboundBurstDraft\n      ...SafetyPanelDraft\n      ...DeliveryPanelDraft\n      ...DraftFormDraft\n    }\n  }\n"): (typeof documents)["\n  query DraftEditor($id: ID!) {\n    draft(id: $id) {\n      id\n      status\n      contact {\n        id\n        displayName\n      }\n      ...InboundBurstDraft\n      ...SafetyPanelDraft\n      ...DeliveryPanelDraft\n      ...DraftFormDraft\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription DraftEditorUpdated {\n    draftUpdated {\n      id\n    }\n  }\n"): (typeof documents)["\n  subscription DraftEditorUpdated {\n    draftUpdated {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment InboundBurstDraft on Draft {\n    inboundText\n    createdAt\n    newMessages {\n      id\n      text\n      sentAt\n    }\n    contact {\n      id\n      displayName\n      username\n      telegramUserId\n      customerStatus\n      ltv\n    }\n  }\n"): (typeof documents)["\n  fragment InboundBurstDraft on Draft {\n    inboundText\n    createdAt\n    newMessages {\n      id\n      text\n      sentAt\n    }\n    contact {\n      id\n      displayName\n      username\n      telegramUserId\n      customerStatus\n      ltv\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RejectDraft($input: RejectDraftInput!) {\n    rejectDraft(input: $input) {\n      __typename\n      ... on RejectDraftSuccess {\n        draft {\n          id\n          status\n          notes\n        }\n      }\n      ... on Error {\n        message\n      }\n      ... on ValidationError {\n        field\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RejectDraft($input: RejectDraftInput!) {\n    rejectDraft(input: $input) {\n      __typename\n      ... on RejectDraftSuccess {\n        draft {\n          id\n          status\n          notes\n        }\n      }\n      ... on Error {\n        message\n      }\n      ... on ValidationError {\n        field\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SafetyPanelDraft on Draft {\n    safety {\n      risk\n      recommendation\n      findings {\n        category\n        match\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment SafetyPanelDraft on Draft {\n    safety {\n      risk\n      recommendation\n      findings {\n        category\n        match\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ClaimDraft($id: ID!) {\n    claimDraft(id: $id) {\n      __typename\n      ... on ClaimDraftSuccess {\n        draft {\n          id\n          status\n          claimExpiresAt\n          claimedBy {\n            id\n            displayName\n          }\n        }\n      }\n      ... on Error {\n        message\n      }\n      ... on ClaimConflictError {\n        claimedBy\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ClaimDraft($id: ID!) {\n    claimDraft(id: $id) {\n      __typename\n      ... on ClaimDraftSuccess {\n        draft {\n          id\n          status\n          claimExpiresAt\n          claimedBy {\n            id\n            displayName\n          }\n        }\n      }\n      ... on Error {\n        message\n      }\n      ... on ClaimConflictError {\n        claimedBy\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReleaseDraft($id: ID!) {\n    releaseDraft(id: $id) {\n      __typename\n    }\n  }\n"): (typeof documents)["\n  mutation ReleaseDraft($id: ID!) {\n    releaseDraft(id: $id) {\n      __typename\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment InsightsMeasures on ReviewMeasures {\n    decided\n    approved\n    rejected\n    edited\n    approvalRate\n    editedShare\n    meanEditDistance\n    medianReviewSeconds\n    p90ReviewSeconds\n    medianWaitSeconds\n    llmCalls\n    llmTokens\n    llmCostUsd\n    messagesPerDraft\n  }\n"): (typeof documents)["\n  fragment InsightsMeasures on ReviewMeasures {\n    decided\n    approved\n    rejected\n    edited\n    approvalRate\n    editedShare\n    meanEditDistance\n    medianReviewSeconds\n    p90ReviewSeconds\n    medianWaitSeconds\n    llmCalls\n    llmTokens\n    llmCostUsd\n    messagesPerDraft\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query InsightsReview($from: DateTime!, $to: DateTime!) {\n    reviewStats(from: $from, to: $to) {\n      from\n      to\n      ...InsightsMeasures\n      daily {\n        day\n        ...InsightsMeasures\n      }\n      byReviewer {\n        reviewer {\n          id\n          displayName\n          email\n        }\n        ...InsightsMeasures\n      }\n    }\n  }\n"): (typeof documents)["\n  query InsightsReview($from: DateTime!, $to: DateTime!) {\n    reviewStats(from: $from, to: $to) {\n      from\n      to\n      ...InsightsMeasures\n      daily {\n        day\n        ...InsightsMeasures\n      }\n      byReviewer {\n        reviewer {\n          id\n          displayName\n          email\n        }\n        ...InsightsMeasures\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query InsightsFunnel($from: DateTime!, $to: DateTime!) {\n    funnelStats(from: $from, to: $to) {\n      from\n      to\n      byStatus {\n        status\n        contacts\n      }\n      transitions {\n        from\n        to\n        count\n        overrides\n      }\n      ltvAdded\n      ltvTotal\n      daily {\n        day\n        newCustomers\n        winBacks\n        ltvAdded\n      }\n    }\n  }\n"): (typeof documents)["\n  query InsightsFunnel($from: DateTime!, $to: DateTime!) {\n    funnelStats(from: $from, to: $to) {\n      from\n      to\n      byStatus {\n        status\n        contacts\n      }\n      transitions {\n        from\n        to\n        count\n        overrides\n      }\n      ltvAdded\n      ltvTotal\n      daily {\n        day\n        newCustomers\n        winBacks\n        ltvAdded\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment QueueItemDraft on Draft {\n    id\n    status\n    priority\n    queueAt\n    createdAt\n    pendingAt\n    inboundText\n    failureReason\n    contact {\n      id\n      displayName\n      telegramUserId\n      customerStatus\n    }\n    safety {\n      recommendation\n      risk\n    }\n    claimedBy {\n      id\n      displayName\n    }\n    deliveries {\n      id\n      index\n      status\n      failureReason\n      sentAt\n    }\n  }\n"): (typeof documents)["\n  fragment QueueItemDraft on Draft {\n    id\n    status\n    priority\n    queueAt\n    createdAt\n    pendingAt\n    inboundText\n    failureReason\n    contact {\n      id\n      displayName\n      telegramUserId\n      customerStatus\n    }\n    safety {\n      recommendation\n      risk\n    }\n    claimedBy {\n      id\n      displayName\n    }\n    deliveries {\n      id\n      index\n      status\n      failureReason\n      sentAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RetryDraft($id: ID!) {\n    retryDraft(id: $id) {\n      __typename\n      ... on RetryDraftSuccess {\n        draft {\n          id\n          status\n          failureReason\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RetryDraft($id: ID!) {\n    retryDraft(id: $id) {\n      __typename\n      ... on RetryDraftSuccess {\n        draft {\n          id\n          status\n          failureReason\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription DraftQueued {\n    draftQueued {\n      id\n      status\n      priority\n      queueAt\n      ...QueueItemDraft\n    }\n  }\n"): (typeof documents)["\n  subscription DraftQueued {\n    draftQueued {\n      id\n      status\n      priority\n      queueAt\n      ...QueueItemDraft\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription DraftUpdated {\n    draftUpdated {\n      id\n      status\n      priority\n      queueAt\n      updatedAt\n      claimExpiresAt\n      ...QueueItemDraft\n    }\n  }\n"): (typeof documents)["\n  subscription DraftUpdated {\n    draftUpdated {\n      id\n      status\n      priority\n      queueAt\n      updatedAt\n      claimExpiresAt\n      ...QueueItemDraft\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReviewQueue($first: Int!) {\n    reviewQueue(first: $first) {\n      edges {\n        node {\n          id\n          status\n          priority\n          queueAt\n          createdAt\n          ...QueueItemDraft\n        }\n      }\n      pageInfo {\n        hasNextPage\n      }\n    }\n  }\n"): (typeof documents)["\n  query ReviewQueue($first: Int!) {\n    reviewQueue(first: $first) {\n      edges {\n        node {\n          id\n          status\n          priority\n          queueAt\n          createdAt\n          ...QueueItemDraft\n        }\n      }\n      pageInfo {\n        hasNextPage\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query QueueStats {\n    queueStats {\n      pending\n      claimedLastHour\n      medianWaitSeconds\n      oldestPendingAt\n    }\n  }\n"): (typeof documents)["\n  query QueueStats {\n    queueStats {\n      pending\n      claimedLastHour\n      medianWaitSeconds\n      oldestPendingAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SandboxChatMessage on Message {\n    id\n    direction\n    text\n    sentAt\n  }\n"): (typeof documents)["\n  fragment SandboxChatMessage on Message {\n    id\n    direction\n    text\n    sentAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SandboxChat($telegramUserId: String!) {\n    sandboxChat(telegramUserId: $telegramUserId) {\n      id\n      ...SandboxChatMessage\n    }\n  }\n"): (typeof documents)["\n  query SandboxChat($telegramUserId: String!) {\n    sandboxChat(telegramUserId: $telegramUserId) {\n      id\n      ...SandboxChatMessage\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription SandboxReplies($telegramUserId: String!) {\n    sandboxMessage(telegramUserId: $telegramUserId) {\n      id\n      sentAt\n      ...SandboxChatMessage\n    }\n  }\n"): (typeof documents)["\n  subscription SandboxReplies($telegramUserId: String!) {\n    sandboxMessage(telegramUserId: $telegramUserId) {\n      id\n      sentAt\n      ...SandboxChatMessage\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SandboxSend($input: SandboxSendInput!) {\n    sandboxSend(input: $input) {\n      __typename\n      ... on SandboxSendSuccess {\n        duplicate\n        sent {\n          id\n          sentAt\n          ...SandboxChatMessage\n        }\n      }\n      ... on ValidationError {\n        field\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SandboxSend($input: SandboxSendInput!) {\n    sandboxSend(input: $input) {\n      __typename\n      ... on SandboxSendSuccess {\n        duplicate\n        sent {\n          id\n          sentAt\n          ...SandboxChatMessage\n        }\n      }\n      ... on ValidationError {\n        field\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      __typename\n      ... on LoginSuccess {\n        token\n        reviewer {\n          id\n          email\n          displayName\n          role\n        }\n      }\n      ... on Error {\n        message\n      }\n      ... on ValidationError {\n        field\n      }\n      ... on TooManyAttemptsError {\n        retryAfterSeconds\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      __typename\n      ... on LoginSuccess {\n        token\n        reviewer {\n          id\n          email\n          displayName\n          role\n        }\n      }\n      ... on Error {\n        message\n      }\n      ... on ValidationError {\n        field\n      }\n      ... on TooManyAttemptsError {\n        retryAfterSeconds\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateReviewer($input: CreateReviewerInput!) {\n    createReviewer(input: $input) {\n      __typename\n      ... on CreateReviewerSuccess {\n        reviewer {\n          id\n          email\n          displayName\n          role\n        }\n      }\n      ... on ValidationError {\n        field\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateReviewer($input: CreateReviewerInput!) {\n    createReviewer(input: $input) {\n      __typename\n      ... on CreateReviewerSuccess {\n        reviewer {\n          id\n          email\n          displayName\n          role\n        }\n      }\n      ... on ValidationError {\n        field\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PersonaFormPersona on Persona {\n    id\n    name\n    prompt\n    active\n  }\n"): (typeof documents)["\n  fragment PersonaFormPersona on Persona {\n    id\n    name\n    prompt\n    active\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SavePersona($input: SavePersonaInput!) {\n    savePersona(input: $input) {\n      __typename\n      ... on SavePersonaSuccess {\n        persona {\n          id\n          name\n          active\n          updatedAt\n          ...PersonaFormPersona\n        }\n      }\n      ... on Error {\n        message\n      }\n      ... on ValidationError {\n        field\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SavePersona($input: SavePersonaInput!) {\n    savePersona(input: $input) {\n      __typename\n      ... on SavePersonaSuccess {\n        persona {\n          id\n          name\n          active\n          updatedAt\n          ...PersonaFormPersona\n        }\n      }\n      ... on Error {\n        message\n      }\n      ... on ValidationError {\n        field\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Personas {\n    personas {\n      id\n      name\n      prompt\n      active\n      updatedAt\n      ...PersonaFormPersona\n    }\n    defaultPersonaPrompt\n  }\n"): (typeof documents)["\n  query Personas {\n    personas {\n      id\n      name\n      prompt\n      active\n      updatedAt\n      ...PersonaFormPersona\n    }\n    defaultPersonaPrompt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Reviewers {\n    reviewers {\n      id\n      email\n      displayName\n      role\n    }\n  }\n"): (typeof documents)["\n  query Reviewers {\n    reviewers {\n      id\n      email\n      displayName\n      role\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;