import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Desk, haveChromium, shot, submitSignIn } from './harness';

let desk: Desk;
let context: BrowserContext;
let receiver: Server;
/** The status the local receiver answers with; the test turns it to failing. */
let answer = 204;
let received = 0;

describe.skipIf(!haveChromium)('webhooks on the Integrations page in a real browser', () => {
  beforeAll(async () => {
    receiver = createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        received += 1;
        response.writeHead(answer).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', () => resolve()));
    desk = await Desk.open({
      WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
      WEBHOOK_RETRY_SECONDS: '0.1',
      WEBHOOK_DISABLE_AFTER: '1',
    });
    context = await desk.context();
  });

  afterAll(async () => {
    await desk?.close();
    receiver?.closeAllConnections();
    await new Promise<void>((resolve) => (receiver ? receiver.close(() => resolve()) : resolve()));
  });

  it('an admin adds a webhook, keeps its secret, sends a test event, sees it delivered, then sees it turned off', async () => {
    desk.explainFailure('webhooks');
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
    const page = await desk.page(context, 'admin');
    await submitSignIn(page, desk.server.adminEmail, desk.server.adminPassword);
    await page.getByRole('heading', { name: 'Review queue' }).waitFor();
    await page.getByRole('link', { name: 'Integrations' }).click();
    await page.getByRole('heading', { name: 'Integrations' }).waitFor();

    // A private address is refused, with the reason beside the URL.
    const form = page.getByRole('form', { name: 'New webhook' });
    await form.getByLabel('URL').fill('http://10.0.0.1/hooks');
    await form.getByRole('button', { name: 'Create webhook' }).click();
    await form.getByText(/not a public address/).waitFor();

    await form.getByLabel('URL').fill(url);
    await form.getByRole('button', { name: 'Create webhook' }).click();
    const dialog = page.getByRole('dialog', { name: "The webhook's signing secret" });
    await dialog.waitFor();
    expect(await dialog.getByTestId('webhook-secret').textContent()).toMatch(/^whsec_/);
    await dialog.getByRole('button', { name: 'Copy secret' }).click();
    await dialog.getByRole('status').waitFor();
    await shot(page, 'webhooks-01-secret', false);
    await dialog.getByRole('button', { name: 'Done' }).click();
    await page.getByRole('table', { name: 'Webhooks' }).getByRole('cell', { name: url, exact: true }).waitFor();

    // A test event reaches the receiver and the log says so.
    await page.getByRole('button', { name: 'Send test event' }).click();
    await page.getByText('Test event queued.').waitFor();
    const deliveries = page.getByRole('table', { name: 'Deliveries' });
    for (
      let i = 0;
      i < 50 &&
      !(await deliveries
        .getByText('Delivered')
        .isVisible()
        .catch(() => false));
      i += 1
    ) {
      await page.getByRole('button', { name: 'Refresh' }).click();
      await page.waitForTimeout(200);
    }
    await deliveries.getByText('Delivered').waitFor();
    await deliveries.getByRole('cell', { name: '204' }).waitFor();
    expect(received).toBe(1);
    await shot(page, 'webhooks-02-delivered', false);

    // The receiver breaks: after its retry fails, the webhook is turned off and the page says why.
    answer = 500;
    await page.getByRole('button', { name: 'Send test event' }).click();
    const notice = page.getByRole('alert').filter({ hasText: 'is off since' });
    for (let i = 0; i < 50 && !(await notice.isVisible().catch(() => false)); i += 1) {
      await page.waitForTimeout(200);
      await page.reload();
      await page.getByRole('heading', { name: 'Integrations' }).waitFor();
    }
    await notice.getByText(/The receiver answered 500/).waitFor();
    await page.getByRole('table', { name: 'Webhooks' }).getByText('Turned off after failures').waitFor();
    await shot(page, 'webhooks-03-turned-off');

    // Deleted through the dialog.
    await page.getByRole('button', { name: `Delete ${url}` }).click();
    await page.getByRole('dialog', { name: 'Delete this webhook?' }).getByRole('button', { name: 'Delete' }).click();
    await page.getByText('No webhooks yet.').waitFor();
    expect(desk.pageErrors).toEqual([]);
  });
});
