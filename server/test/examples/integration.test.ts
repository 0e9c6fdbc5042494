// The integration example (examples/integration) run end to end, as an integrator would: its own process, an
// ADMIN API key, the review queue, an approval that moves the person to "qualified lead", and the signed
// DRAFT_APPROVED webhook it registers for and verifies with the Standard Webhooks library.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { sandboxSend } from '../../src/intake/sandbox.js';
import { CreateApiKeyMutation } from '../support/documents.js';
import { expectTypename } from '../support/graphql.js';
import { eventually, useApp } from '../support/harness.js';
import { servicesAvailable } from '../support/services.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const mode = servicesAvailable ? 'services' : 'embedded';

describe(`the integration example (${mode} mode)`, () => {
  const app = useApp(mode, { WEBHOOK_ALLOWED_HOSTS: '127.0.0.1', APPROVAL_UNDO_SECONDS: '1' });

  it('lists the queue, approves a draft with a status change and receives its signed webhook', async () => {
    const { t, admin } = app;
    const core = t.app.core;
    await sandboxSend(core, { telegramUserId: '880001', firstName: 'Iris', text: 'Do you have the green lamp?' });
    const draft = await eventually(
      () => core.analytics.draft.findFirst({ where: { contact: { telegramUserId: '880001' }, status: 'PENDING' } }),
      15_000,
      'a pending draft',
    );
    const created = await admin.execute(CreateApiKeyMutation, { input: { name: 'example', role: 'ADMIN' } });
    const { secret } = expectTypename(created.data!.createApiKey, 'CreateApiKeySuccess');

    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', path.join(root, 'examples/integration/src/main.ts')],
      {
        cwd: root,
        env: {
          ...process.env,
          COUNTERSIGN_URL: t.endpoint.url.replace(/\/graphql$/, ''),
          COUNTERSIGN_API_KEY: secret,
          WEBHOOK_WAIT_SECONDS: '20',
        },
        timeout: 40_000,
      },
    );

    expect(stdout).toContain('1 draft(s) waiting');
    expect(stdout).toContain('- Iris (PROSPECT): Do you have the green lamp?');
    expect(stdout).toMatch(new RegExp(`approved ${draft.id} for Iris: `));
    expect(stdout).toMatch(new RegExp(`confirmed by webhook evt_\\w+: draft ${draft.id} is APPROVED`));
    // What the program did is what the desk shows: approved, delivered, the person moved on, the webhook gone.
    const after = await core.analytics.draft.findUniqueOrThrow({
      where: { id: draft.id },
      include: { contact: true, outbox: true },
    });
    expect(after.status).toBe('APPROVED');
    expect(after.contact.customerStatus).toBe('LEAD_QUALIFIED');
    await eventually(
      async () => (await core.analytics.outboxBubble.count({ where: { draftId: draft.id, status: 'SENT' } })) > 0,
      10_000,
      'the reply delivered',
    );
    expect(await core.analytics.webhook.count()).toBe(0);
  }, 60_000);
});
