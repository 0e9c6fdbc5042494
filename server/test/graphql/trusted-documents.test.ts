import { describe, expect, it } from 'vitest';
import {
  CreateApiKeyDocument,
  DraftQueuedDocument,
  QueueStatsDocument,
  SandboxSendDocument,
} from '../../../client/src/gql/graphql.js';
import persisted from '../../../client/src/gql/persisted-documents.json' with { type: 'json' };
import { DraftQueuedSubscription, QueueIdsQuery } from '../support/documents.js';
import { expectTypename, rawGraphQL, type TestClient } from '../support/graphql.js';
import { eventually, useApp } from '../support/harness.js';

const codes = (result: { errors?: readonly { extensions?: Record<string, unknown> }[] }) =>
  (result.errors ?? []).map((e) => e.extensions?.code);
/** A subscription refused by graphql-ws arrives as one error event: the array of GraphQL errors. */
const socketCodes = (errors: unknown[]) =>
  errors.flatMap((e) =>
    Array.isArray(e) ? e.map((x: { extensions?: { code?: unknown } }) => x.extensions?.code) : [],
  );

async function apiKey(admin: TestClient): Promise<string> {
  const created = await admin.execute(CreateApiKeyDocument, { input: { name: 'integration', role: 'ADMIN' } });
  return expectTypename(created.data?.createApiKey, 'CreateApiKeySuccess').secret;
}

// The deployment default, which the other server tests turn off (support/harness.ts) to send their own documents.
describe('trusted documents (PERSISTED_DOCUMENTS_ONLY on)', () => {
  const app = useApp('embedded', { PERSISTED_DOCUMENTS_ONLY: 'true' });

  it('refuses a web session a document that is not one of the web app’s, over HTTP', async () => {
    const refused = await app.admin.execute(QueueIdsQuery);
    expect(refused.data).toBeUndefined();
    expect(codes(refused)).toEqual(['PERSISTED_QUERY_ONLY']);
    expect(refused.errors?.[0]?.message).toMatch(/persisted document id, or use an API key/);
    // The same text the web app would send, but as text: still refused.
    const text = Object.values(persisted)[0]!;
    const session = await app.t.login();
    expect(codes(await rawGraphQL(app.t.endpoint, text, {}, session))).toEqual(['PERSISTED_QUERY_ONLY']);
    // Nobody signed in gets no further.
    expect(codes(await rawGraphQL(app.t.endpoint, '{ __typename }'))).toEqual(['PERSISTED_QUERY_ONLY']);
  });

  it('runs the web app’s persisted documents by id, and refuses an unknown id', async () => {
    // Signing in (useApp) already sent the web app's Login document by id, anonymously.
    const stats = await app.admin.execute(QueueStatsDocument);
    expect(stats.errors).toBeUndefined();
    expect(stats.data?.queueStats).toBeDefined();
    const response = await fetch(app.t.endpoint.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await app.t.login()}` },
      body: JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: `sha256:${'0'.repeat(64)}` } } }),
    });
    expect(codes(await response.json())).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
  });

  it('refuses a web session an ad-hoc subscription over the WebSocket, and runs a persisted one', async () => {
    const adHoc = app.admin.subscribe(DraftQueuedSubscription);
    await eventually(async () => adHoc.errors.length > 0, 3000, 'the subscription to be refused');
    expect(socketCodes(adHoc.errors)).toEqual(['PERSISTED_QUERY_ONLY']);

    const live = app.admin.subscribe(DraftQueuedDocument);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const sent = await app.admin.execute(SandboxSendDocument, { input: { telegramUserId: '7301', text: 'hello?' } });
    expect(sent.errors).toBeUndefined();
    await live.until((event) => event.draftQueued.id.length > 0, 15_000);
    expect(live.errors).toEqual([]);
  });

  it('lets an API key run any document over HTTP and the WebSocket, within the GraphQL limits', async () => {
    const key = app.t.as(await apiKey(app.admin));
    const queue = await key.execute(QueueIdsQuery);
    expect(queue.errors).toBeUndefined();
    expect(queue.data?.reviewQueue.edges).toBeInstanceOf(Array);

    const live = key.subscribe(DraftQueuedSubscription);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await app.admin.execute(SandboxSendDocument, { input: { telegramUserId: '7302', text: 'key feed' } });
    await live.until((event) => event.draftQueued.inboundText === 'key feed', 15_000);
    expect(live.errors).toEqual([]);

    // GRAPHQL_MAX_ALIASES (15) still holds for a key's own documents.
    const aliases = Array.from({ length: 20 }, (_, i) => `h${i}: health { state }`).join(' ');
    const tooMany = await rawGraphQL(app.t.endpoint, `{ ${aliases} }`, {}, await apiKey(app.admin));
    expect(tooMany.data).toBeUndefined();
    expect(tooMany.errors?.[0]?.message).toBe('Aliases limit of 15 exceeded, found 20. (GRAPHQL_MAX_ALIASES)');
  });
});
