import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Desk, haveChromium, shot, WAIT } from './harness';

let desk: Desk;
let context: BrowserContext;

/** A request with the key, as an integration makes it: whether the server accepts it. */
async function keyWorks(secret: string): Promise<boolean> {
  const response = await fetch(`${desk.server.baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
    body: JSON.stringify({ query: '{ reviewQueue(first: 1) { edges { cursor } } }' }),
  });
  const body = (await response.json()) as { data?: unknown; errors?: unknown };
  return !body.errors && body.data != null;
}

describe.skipIf(!haveChromium)('the Integrations page in a real browser', () => {
  beforeAll(async () => {
    desk = await Desk.open();
    context = await desk.context({ permissions: ['clipboard-read', 'clipboard-write'] });
  });

  afterAll(async () => {
    await desk?.close();
  });

  it('an admin creates an API key (shown once, copied), sees it listed, and revokes it', {
    timeout: 60_000,
  }, async () => {
    desk.explainFailure('integrations');
    const page = await desk.signInPage(context, 'admin', desk.server.adminEmail, desk.server.adminPassword);
    await page.getByRole('link', { name: 'Integrations' }).click();
    await page.getByRole('heading', { name: 'Integrations' }).waitFor();
    await page.getByText('No API keys yet.').waitFor();

    const form = page.getByRole('form', { name: 'Create an API key' });
    await form.getByLabel('Name').fill('CRM sync <b>bold</b>');
    await form.getByLabel('Role').selectOption('REVIEWER');
    await form.getByRole('button', { name: 'Create key' }).click();

    // The secret, once, in a dialog with a copy button.
    const dialog = page.getByRole('dialog', { name: 'API key "CRM sync <b>bold</b>" created' });
    await dialog.waitFor();
    const secret = (await dialog.getByTestId('api-key-secret').textContent())?.trim() ?? '';
    expect(secret).toMatch(/^cs_live_[A-Za-z0-9_-]{43}$/);
    await dialog.getByRole('button', { name: 'Copy' }).click();
    await dialog.getByText('Copied to the clipboard.').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    await shot(page, 'integrations-01-secret-once', false);
    await dialog.getByRole('button', { name: 'Done' }).click();
    expect(await keyWorks(secret)).toBe(true);

    // Listed by its prefix, never its secret; the name is shown as text.
    const table = page.getByRole('table', { name: 'API keys' });
    const row = table.getByRole('row', { name: /CRM sync/ });
    await row.getByRole('cell', { name: 'CRM sync <b>bold</b>', exact: true }).waitFor();
    await row.getByText(`${secret.slice(0, 16)}…`).waitFor();
    await row.getByText('Reviewer', { exact: true }).waitFor();
    await row.getByText('active', { exact: true }).waitFor();
    expect(await page.content()).not.toContain(secret);
    // The key has been used once (above): its last use shows after a reload.
    await page.reload();
    await row.getByText('active', { exact: true }).waitFor();
    // Expires: never; last used: no longer never.
    expect(await row.getByText('never', { exact: true }).count()).toBe(1);
    await shot(page, 'integrations-02-listed', false);

    // Revoked through a confirmation dialog: listed as revoked, and refused at once.
    await row.getByRole('button', { name: 'Revoke CRM sync <b>bold</b>' }).click();
    const confirm = page.getByRole('dialog', { name: 'Revoke the API key "CRM sync <b>bold</b>"?' });
    await confirm.getByRole('button', { name: 'Revoke' }).click();
    await row.getByText('revoked', { exact: true }).waitFor({ timeout: WAIT });
    expect(await row.getByRole('button', { name: /Revoke/ }).count()).toBe(0);
    expect(await keyWorks(secret)).toBe(false);
    await shot(page, 'integrations-03-revoked', false);
  });
});
