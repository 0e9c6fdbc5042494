export const SANDBOX_SEND = `mutation SandboxSend($input: SandboxSendInput!) {
  sandboxSend(input: $input) { __typename ... on SandboxSendSuccess { duplicate sent { id text } } ... on ValidationError { field message } }
}`;

export const REVIEW_QUEUE = `query ReviewQueue { reviewQueue(first: 50) { edges { node { id status inboundText bubbles contact { id displayName customerStatus ltv } } } } }`;

export const DRAFT = `query Draft($id: ID!) { draft(id: $id) { id status bubbles finalBubbles inboundText failureReason deliveries { index status text } contact { id customerStatus ltv } } }`;

export const CLAIM = `mutation Claim($id: ID!) { claimDraft(id: $id) { __typename ... on ClaimDraftSuccess { draft { id status claimedBy { email } } } ... on Error { message } } }`;

export const APPROVE = `mutation Approve($input: ApproveDraftInput!) {
  approveDraft(input: $input) {
    __typename
    ... on ApproveDraftSuccess { previousStatus newStatus ltvTotal ltvAdded draft { id status finalBubbles } }
    ... on ValidationError { field message }
    ... on InvalidTransitionError { from to message }
    ... on Error { message }
  }
}`;

export const REJECT = `mutation Reject($input: RejectDraftInput!) { rejectDraft(input: $input) { __typename ... on RejectDraftSuccess { draft { id status notes } } ... on ValidationError { field } ... on Error { message } } }`;

export const SET_STATUS = `mutation SetStatus($input: SetCustomerStatusInput!) {
  setCustomerStatus(input: $input) {
    __typename
    ... on SetCustomerStatusSuccess { previousStatus newStatus ltvTotal contact { customerStatus ltv } }
    ... on ValidationError { field message }
    ... on InvalidTransitionError { from to message }
    ... on Error { message }
  }
}`;

export const CONTACT = `query Contact($id: ID!) {
  contact(id: $id) { id customerStatus ltv statusHistory { fromStatus toStatus override reason } messages(first: 100) { edges { node { direction text draftId } } } }
}`;

export const ERASE = `mutation Erase($id: ID!) { eraseContact(id: $id) { __typename ... on EraseContactSuccess { contactId erasedDrafts erasedMessages } ... on Error { message } } }`;

export const SANDBOX_CHAT = `query SandboxChat($telegramUserId: String!) { sandboxChat(telegramUserId: $telegramUserId) { id direction text } }`;

export const DRAFT_QUEUED = `subscription DraftQueued { draftQueued { id status inboundText bubbles contact { telegramUserId } } }`;
export const DRAFT_UPDATED = `subscription DraftUpdated { draftUpdated { id status } }`;
export const SANDBOX_MESSAGE = `subscription SandboxMessage($telegramUserId: String!) { sandboxMessage(telegramUserId: $telegramUserId) { id direction text } }`;
