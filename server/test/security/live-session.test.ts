import { describe, expect, it } from 'vitest';
import { SandboxSendDocument } from '../../../client/src/gql/graphql.js';
import { DraftQueuedSubscription } from '../support/documents.js';
import { rawGraphQL } from '../support/graphql.js';
import { eventually, type Mode, useApp } from '../support/harness.js';
import { servicesAvailable } from '../support/services.js';

const modes: Mode[] = servicesAvailable ? ['embedded', 'services'] : ['embedded'];

/** What graphql-ws reports when the server closes a socket: its close code. */
const closeCodes = (errors: unknown[]) => errors.map((error) => (error as { code?: number }).code);

describe.each(modes)('a live subscription and its session (%s mode)', (mode) => {
  // The expiry below is written behind the session cache's back: it is seen within SESSION_CACHE_SECONDS.
  const app = useApp(mode, { WS_SESSION_CHECK_SECONDS: '1', SESSION_CACHE_SECONDS: '1' });

  it('stops receiving drafts once its session is signed out or expires', { timeout: 30_000 }, async () => {
    const signedOut = await app.t.login();
    const account = {
      email: 'lapsing@example.com',
      displayName: 'Lapsing',
      password: 'lapsing-password',
      role: 'VIEWER',
    };
    const added = await rawGraphQL(
      app.t.endpoint,
      'mutation Add($input: CreateReviewerInput!) { createReviewer(input: $input) { __typename } }',
      { input: account },
      signedOut,
    );
    expect(added.data).toEqual({ createReviewer: { __typename: 'CreateReviewerSuccess' } });
    const lapsing = await app.t.login(account.email, account.password);
    const ended = app.t.as(signedOut).subscribe(DraftQueuedSubscription);
    const expired = app.t.as(lapsing).subscribe(DraftQueuedSubscription);
    const still = app.admin.subscribe(DraftQueuedSubscription);
    await new Promise((resolve) => setTimeout(resolve, 500));

    expect(await rawGraphQL(app.t.endpoint, 'mutation { logout }', {}, signedOut)).toEqual({ data: { logout: true } });
    const { id } = await app.t.app.core.analytics.reviewer.findUniqueOrThrow({ where: { email: account.email } });
    await app.t.app.core.analytics.session.updateMany({
      where: { reviewerId: id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    // Both sockets are closed as forbidden within the check interval.
    await eventually(async () => ended.errors.length > 0 && expired.errors.length > 0, 5000, 'the sockets to close');
    expect(closeCodes(ended.errors)).toEqual([4403]);
    expect(closeCodes(expired.errors)).toEqual([4403]);

    await app.admin.execute(SandboxSendDocument, { input: { telegramUserId: '5150', text: 'are you open today?' } });
    await still.until((event) => event.draftQueued.inboundText === 'are you open today?', 15_000);
    expect(ended.events).toEqual([]);
    expect(expired.events).toEqual([]);
  });
});
