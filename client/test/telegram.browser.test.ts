import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Desk, haveChromium, shot, submitSignIn, WAIT } from './harness';

let desk: Desk;
let context: BrowserContext;

describe.skipIf(!haveChromium)('Telegram accounts in a real browser', () => {
  beforeAll(async () => {
    desk = await Desk.open();
    context = await desk.context();
  });

  afterAll(async () => {
    await desk?.close();
  });

  it('an admin adds a sandbox account and sees a draft that came through it arrive labelled', async () => {
    desk.explainFailure('telegram');
    const page = await desk.page(context, 'admin');
    await submitSignIn(page, desk.server.adminEmail, desk.server.adminPassword);
    await page.getByRole('heading', { name: 'Review queue' }).waitFor();

    // The Telegram page: the default sandbox account, then one added in one click.
    await page.getByRole('link', { name: 'Telegram' }).click();
    await page.getByRole('heading', { name: 'Telegram', exact: true }).waitFor();
    const accounts = page.getByRole('list', { name: 'Telegram accounts' });
    await accounts.locator('.account-label', { hasText: 'Sandbox' }).first().waitFor();
    await page.getByPlaceholder('Label (optional)').fill('Brand <b>North</b>');
    await page.getByRole('button', { name: 'Add sandbox account' }).click();
    const added = accounts.getByTestId('telegram-account').filter({ hasText: 'Brand <b>North</b>' });
    await added.waitFor({ timeout: WAIT });
    expect(await added.getByTestId('account-state').textContent()).toBe('Connected');
    await shot(page, 'telegram-01-accounts', false);

    // A person writes to the new account from the sandbox page.
    await page.goto('/sandbox');
    await page.getByLabel('To the account').selectOption({ label: 'Brand <b>North</b>' });
    await page.getByLabel('Telegram user id').fill('880001');
    await page.getByLabel('First name').fill('Nora');
    await page.locator('.chat-log[data-loaded="true"]').waitFor();
    await page.getByLabel('Message', { exact: true }).fill('Do you deliver to Tromsø?');
    await page.getByLabel('Message', { exact: true }).press('Enter');

    // The queue card names the account it came through, live; the filter keeps it, the editor shows it too.
    await page.getByRole('link', { name: 'Queue' }).click();
    const card = page.locator('.queue-item').filter({ hasText: 'Nora' });
    await card.waitFor({ timeout: WAIT });
    expect(await card.getByTestId('draft-account').textContent()).toBe('Brand <b>North</b>');

    await page.getByTestId('queue-filters').locator('summary').click();
    await page.getByLabel('Telegram account').selectOption({ label: 'Sandbox' });
    await card.waitFor({ state: 'detached', timeout: WAIT });
    await page.getByLabel('Telegram account').selectOption({ label: 'Brand <b>North</b>' });
    await card.waitFor({ timeout: WAIT });
    await shot(page, 'telegram-02-queue-filtered', false);

    await card.getByRole('link', { name: 'Nora' }).click();
    await page.getByRole('heading', { name: 'Reply to Nora' }).waitFor();
    expect(await page.getByTestId('draft-account').textContent()).toBe('via Brand <b>North</b>');
    expect(desk.pageErrors).toEqual([]);
  });
});
