/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** The decision to send a draft, with the final bubbles and optional review data. */
export type ApproveDraftInput = {
  /** The final bubbles to send, in order. */
  bubbles: Array<string>;
  /** Claim and approve in one step; without it, your live claim is needed. */
  claim?: boolean | null | undefined;
  /** Moves the person's customer status in the same step; InvalidTransitionError if the funnel forbids it. */
  customerStatus?: CustomerStatus | null | undefined;
  /** The draft to approve. */
  draftId: string | number;
  /** Tags describing your edit (names from Query.editTags). */
  editTags?: Array<string> | null | undefined;
  /** A payment as a decimal string such as "120.50"; only with status CUSTOMER. */
  ltvAmount?: string | null | undefined;
  /** A note kept with the decision. */
  notes?: string | null | undefined;
  /** 1 to 5. */
  qualityScore?: number | null | undefined;
  /** Why; required for an admin override of the funnel table. */
  statusReason?: string | null | undefined;
};

/** Where a person is in the sales funnel; moves between them follow the funnel table unless an admin overrides it with a reason. */
export type CustomerStatus =
  /** Was a customer and stopped. */
  | 'CHURNED'
  /** Has paid; payments add to the lifetime value. */
  | 'CUSTOMER'
  /** Followed up without result; not pursued further. */
  | 'LEAD_EXHAUSTED'
  /** Shown real interest; a likely buyer. */
  | 'LEAD_QUALIFIED'
  /** New or not yet qualified (the status every contact starts with). */
  | 'PROSPECT';

/** Where a draft is in its life: drafted, reviewed, then delivered or not. */
export type DraftStatus =
  /** A reviewer approved finalBubbles; they are delivered (see deliveries). */
  | 'APPROVED'
  /** A reviewer holds it (until claimExpiresAt); others cannot decide it meanwhile. */
  | 'CLAIMED'
  /** Drafting failed (failureReason says why); retryDraft sends it back to drafting. */
  | 'FAILED'
  /** The LLM is writing it; not in the queue yet. */
  | 'GENERATING'
  /** Waiting in the review queue for a reviewer. */
  | 'PENDING'
  /** A reviewer decided not to reply with it; nothing is sent. */
  | 'REJECTED'
  /** Replaced by a newer draft (the person wrote again, or a reviewer asked for a redraft). */
  | 'SUPERSEDED';

/** A webhook to create (no id) or edit. */
export type SaveWebhookInput = {
  /** On by default when created; unchanged when omitted on an edit. */
  enabled?: boolean | null | undefined;
  /** The events to send; at least one. */
  events: Array<WebhookEvent>;
  /** Omit to create a new webhook. */
  id?: string | number | null | undefined;
  /** An http or https URL with a public host (see WEBHOOK_ALLOWED_HOSTS). */
  url: string;
};

/** Something that happened in Countersign that a webhook can be told of (docs/integrations.md). */
export type WebhookEvent =
  /** A person’s data was erased; only their id is sent. */
  | 'CONTACT_ERASED'
  /** A person’s customer status moved (a review, the contact page or an undo). */
  | 'CONTACT_STATUS_CHANGED'
  /** An approved reply could not be delivered after every retry. */
  | 'DELIVERY_FAILED'
  /** An approval stands: its undo window ended and delivery began. */
  | 'DRAFT_APPROVED'
  /** A draft entered the review queue (or its reviewer’s hands, after a redraft). */
  | 'DRAFT_QUEUED'
  /** A reviewer rejected a draft. */
  | 'DRAFT_REJECTED'
  /** One approved bubble reached the person on Telegram. */
  | 'MESSAGE_DELIVERED';

export type WaitingDraftsQueryVariables = Exact<{
  first: number;
}>;


export type WaitingDraftsQuery = { reviewQueue: { edges: Array<{ node: { id: string, status: DraftStatus, inboundText: string, bubbles: Array<string>, contact: { id: string, displayName: string, customerStatus: CustomerStatus } } }> } };

export type ApproveWithStatusMutationVariables = Exact<{
  input: ApproveDraftInput;
}>;


export type ApproveWithStatusMutation = { approveDraft:
    | { __typename: 'ApproveDraftSuccess', draft: { id: string, status: DraftStatus, finalBubbles: Array<string> } }
    | { __typename: 'ClaimConflictError', message: string }
    | { __typename: 'InvalidStateError', message: string }
    | { __typename: 'InvalidTransitionError', message: string }
    | { __typename: 'NotFoundError', message: string }
    | { __typename: 'ValidationError', message: string }
   };

export type SaveIntegrationWebhookMutationVariables = Exact<{
  input: SaveWebhookInput;
}>;


export type SaveIntegrationWebhookMutation = { saveWebhook:
    | { __typename: 'NotFoundError', message: string }
    | { __typename: 'SaveWebhookSuccess', secret: string | null, webhook: { id: string, url: string, events: Array<WebhookEvent> } }
    | { __typename: 'ValidationError', message: string }
    | { __typename: 'WebhookAddressRefusedError', message: string }
   };

export type DeleteIntegrationWebhookMutationVariables = Exact<{
  id: string | number;
}>;


export type DeleteIntegrationWebhookMutation = { deleteWebhook:
    | { __typename: 'DeleteWebhookSuccess' }
    | { __typename: 'NotFoundError', message: string }
   };


export const WaitingDraftsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WaitingDrafts"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reviewQueue"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"status"},"value":{"kind":"ListValue","values":[{"kind":"EnumValue","value":"PENDING"}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"inboundText"}},{"kind":"Field","name":{"kind":"Name","value":"bubbles"}},{"kind":"Field","name":{"kind":"Name","value":"contact"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"customerStatus"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<WaitingDraftsQuery, WaitingDraftsQueryVariables>;
export const ApproveWithStatusDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ApproveWithStatus"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ApproveDraftInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"approveDraft"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ApproveDraftSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"draft"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"finalBubbles"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<ApproveWithStatusMutation, ApproveWithStatusMutationVariables>;
export const SaveIntegrationWebhookDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SaveIntegrationWebhook"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SaveWebhookInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"saveWebhook"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SaveWebhookSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"webhook"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"events"}}]}},{"kind":"Field","name":{"kind":"Name","value":"secret"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<SaveIntegrationWebhookMutation, SaveIntegrationWebhookMutationVariables>;
export const DeleteIntegrationWebhookDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteIntegrationWebhook"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteWebhook"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<DeleteIntegrationWebhookMutation, DeleteIntegrationWebhookMutationVariables>;