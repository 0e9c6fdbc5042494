import { describe, expect, it } from 'vitest';
import { SandboxSendDocument } from '../../../client/src/gql/graphql.js';
import { DraftQueuedSubscription, HealthQuery } from '../support/documents.js';
import { type Mode, useApp } from '../support/harness.js';
import { servicesAvailable } from '../support/services.js';

const modes: Mode[] = servicesAvailable ? ['embedded', 'services'] : ['embedded'];

describe.each(modes)('signing in (%s mode)', (mode) => {
  const app = useApp(mode);

  it('requires sign-in over HTTP and over the WebSocket', async () => {
    const anonymous = await app.t.anonymous.execute(SandboxSendDocument, { input: { telegramUserId: '1', text: 'x' } });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(anonymous.errors?.[0]?.message).not.toMatch(/at .*\.ts/);
    const sub = app.t.as('not-a-token').subscribe(DraftQueuedSubscription);
    await expect(sub.until(() => true, 3000)).rejects.toThrow(/subscription error/);
    const health = await app.t.anonymous.execute(HealthQuery);
    expect(health.data?.health).toEqual({ state: 'ok', mode });
  });
});
