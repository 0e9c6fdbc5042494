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
    "\n  query WaitingDrafts($first: Int!) {\n    reviewQueue(first: $first, status: [PENDING]) {\n      edges {\n        node {\n          id\n          status\n          inboundText\n          bubbles\n          contact {\n            id\n            displayName\n            customerStatus\n          }\n        }\n      }\n    }\n  }\n": typeof types.WaitingDraftsDocument,
    "\n  mutation ApproveWithStatus($input: ApproveDraftInput!) {\n    approveDraft(input: $input) {\n      __typename\n      ... on ApproveDraftSuccess {\n        draft {\n          id\n          status\n          finalBubbles\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n": typeof types.ApproveWithStatusDocument,
    "\n  mutation SaveIntegrationWebhook($input: SaveWebhookInput!) {\n    saveWebhook(input: $input) {\n      __typename\n      ... on SaveWebhookSuccess {\n        webhook {\n          id\n          url\n          events\n        }\n        secret\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n": typeof types.SaveIntegrationWebhookDocument,
    "\n  mutation DeleteIntegrationWebhook($id: ID!) {\n    deleteWebhook(id: $id) {\n      __typename\n      ... on Error {\n        message\n      }\n    }\n  }\n": typeof types.DeleteIntegrationWebhookDocument,
};
const documents: Documents = {
    "\n  query WaitingDrafts($first: Int!) {\n    reviewQueue(first: $first, status: [PENDING]) {\n      edges {\n        node {\n          id\n          status\n          inboundText\n          bubbles\n          contact {\n            id\n            displayName\n            customerStatus\n          }\n        }\n      }\n    }\n  }\n": types.WaitingDraftsDocument,
    "\n  mutation ApproveWithStatus($input: ApproveDraftInput!) {\n    approveDraft(input: $input) {\n      __typename\n      ... on ApproveDraftSuccess {\n        draft {\n          id\n          status\n          finalBubbles\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n": types.ApproveWithStatusDocument,
    "\n  mutation SaveIntegrationWebhook($input: SaveWebhookInput!) {\n    saveWebhook(input: $input) {\n      __typename\n      ... on SaveWebhookSuccess {\n        webhook {\n          id\n          url\n          events\n        }\n        secret\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n": types.SaveIntegrationWebhookDocument,
    "\n  mutation DeleteIntegrationWebhook($id: ID!) {\n    deleteWebhook(id: $id) {\n      __typename\n      ... on Error {\n        message\n      }\n    }\n  }\n": types.DeleteIntegrationWebhookDocument,
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
export function graphql(source: "\n  query WaitingDrafts($first: Int!) {\n    reviewQueue(first: $first, status: [PENDING]) {\n      edges {\n        node {\n          id\n          status\n          inboundText\n          bubbles\n          contact {\n            id\n            displayName\n            customerStatus\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query WaitingDrafts($first: Int!) {\n    reviewQueue(first: $first, status: [PENDING]) {\n      edges {\n        node {\n          id\n          status\n          inboundText\n          bubbles\n          contact {\n            id\n            displayName\n            customerStatus\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ApproveWithStatus($input: ApproveDraftInput!) {\n    approveDraft(input: $input) {\n      __typename\n      ... on ApproveDraftSuccess {\n        draft {\n          id\n          status\n          finalBubbles\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ApproveWithStatus($input: ApproveDraftInput!) {\n    approveDraft(input: $input) {\n      __typename\n      ... on ApproveDraftSuccess {\n        draft {\n          id\n          status\n          finalBubbles\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SaveIntegrationWebhook($input: SaveWebhookInput!) {\n    saveWebhook(input: $input) {\n      __typename\n      ... on SaveWebhookSuccess {\n        webhook {\n          id\n          url\n          events\n        }\n        secret\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SaveIntegrationWebhook($input: SaveWebhookInput!) {\n    saveWebhook(input: $input) {\n      __typename\n      ... on SaveWebhookSuccess {\n        webhook {\n          id\n          url\n          events\n        }\n        secret\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteIntegrationWebhook($id: ID!) {\n    deleteWebhook(id: $id) {\n      __typename\n      ... on Error {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation DeleteIntegrationWebhook($id: ID!) {\n    deleteWebhook(id: $id) {\n      __typename\n      ... on Error {\n        message\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;