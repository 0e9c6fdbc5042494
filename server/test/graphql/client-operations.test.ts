import { describe, expect, it } from 'vitest';
import { getFragmentData } from '../../../client/src/gql/fragment-masking.js';
import {
  ApproveDraftDocument,
  ClaimDraftDocument,
  DraftEditorDocument,
  LoginDocument,
  ReviewQueueDocument,
  SandboxChatDocument,
  SandboxChatMessageFragmentDoc,
  SandboxSendDocument,
} from '../../../client/src/gql/graphql.js';
import { createTestClient, inProcess } from '../support/graphql.js';
import { ADMIN, eventually, useApp } from '../support/harness.js';

describe("the web app's own operations, typed by codegen, through yoga.fetch", () => {
  const app = useApp('embedded');

  it('signs in, sends in the sandbox, reviews and approves, and reads the reply', async () => {
    const endpoint = inProcess(app.t.app);
    const login = await createTestClient(endpoint).execute(LoginDocument, {
      email: ADMIN.email,
      password: ADMIN.password,
    });
    if (login.data?.login.__typename !== 'LoginSuccess') throw new Error(`login failed: ${JSON.stringify(login)}`);
    const admin = createTestClient(endpoint, login.data.login.token);

    const sent = await admin.execute(SandboxSendDocument, {
      input: { telegramUserId: '2201', text: 'Is it in stock?', firstName: 'Lea' },
    });
    expect(sent.data?.sandboxSend.__typename).toBe('SandboxSendSuccess');

    const draftId = await eventually(
      async () => {
        const queue = await admin.execute(ReviewQueueDocument, { first: 50 });
        return queue.data?.reviewQueue.edges[0]?.node.id;
      },
      10_000,
      'the draft',
    );

    const claimed = await admin.execute(ClaimDraftDocument, { id: draftId });
    expect(claimed.data?.claimDraft.__typename).toBe('ClaimDraftSuccess');
    const editor = await admin.execute(DraftEditorDocument, { id: draftId });
    expect(editor.errors).toBeUndefined();
    expect(editor.data?.draft?.id).toBe(draftId);

    const approved = await admin.execute(ApproveDraftDocument, {
      input: { draftId, bubbles: ['Yes, in stock.'], customerStatus: 'CUSTOMER', ltvAmount: '15.00' },
    });
    const result = approved.data?.approveDraft;
    if (result?.__typename !== 'ApproveDraftSuccess') throw new Error(`approve failed: ${JSON.stringify(approved)}`);
    expect(result.draft.contact).toMatchObject({ customerStatus: 'CUSTOMER', ltv: '15.00' });

    const chat = await eventually(
      async () => {
        const c = await admin.execute(SandboxChatDocument, { telegramUserId: '2201' });
        return (c.data?.sandboxChat.length ?? 0) >= 2 ? c.data!.sandboxChat : null;
      },
      10_000,
      'the reply',
    );
    const messages = chat.map((m) => getFragmentData(SandboxChatMessageFragmentDoc, m));
    expect(messages.map((m) => `${m.direction}:${m.text}`)).toEqual([
      'INBOUND:Is it in stock?',
      'OUTBOUND:Yes, in stock.',
    ]);
  });
});
