import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ApproveDraftDocument,
  ClaimDraftDocument,
  ReviewQueueDocument,
  SandboxSendDocument,
  SetCustomerStatusDocument,
} from '../src/gql/graphql';
import { Desk, haveChromium, type Session, SHOTS, WAIT } from './harness';

let desk: Desk;

async function send(token: string, telegramUserId: string, firstName: string, text: string): Promise<void> {
  const { sandboxSend } = await desk.gql(token, SandboxSendDocument, { input: { telegramUserId, firstName, text } });
  if (sandboxSend.__typename !== 'SandboxSendSuccess') throw new Error(`send failed: ${sandboxSend.__typename}`);
}

/** The pending draft of a Telegram user whose burst includes `text`, once drafted. */
async function pendingDraft(token: string, telegramUserId: string, text: string): Promise<string> {
  const deadline = Date.now() + WAIT;
  for (;;) {
    const { reviewQueue } = await desk.gql(token, ReviewQueueDocument, { first: 50 });
    for (const { node } of reviewQueue.edges) {
      const draft = node as unknown as {
        id: string;
        status: string;
        inboundText: string;
        contact: { telegramUserId: string };
      };
      if (
        draft.status === 'PENDING' &&
        draft.contact.telegramUserId === telegramUserId &&
        draft.inboundText.includes(text)
      )
        return draft.id;
    }
    if (Date.now() > deadline) throw new Error(`no draft for ${telegramUserId}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.skipIf(!haveChromium)('contacts: the live contact page, search and queue filters, in a real browser', () => {
  let admin: Session;
  let page: Page;

  beforeAll(async () => {
    desk = await Desk.open();
    admin = await desk.signInAdmin();
    page = await desk.signedInPage(await desk.context({ viewport: { width: 1280, height: 860 } }), admin, 'admin');
  });

  afterAll(async () => {
    await desk?.close();
  });

  const explainFailure = (name: string) => desk.explainFailure(`contacts-${name}`);

  it('shows a new message, the reply as it is delivered and a status change without a reload', async () => {
    explainFailure('live');
    await send(admin.token, '7301', 'Mira', 'Hello, do you deliver on Sundays?');
    await page.goto('/contacts');
    await page.getByRole('link', { name: 'Mira' }).click();
    await page.locator('.message.inbound', { hasText: 'do you deliver on Sundays' }).waitFor();
    await page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));

    // The person writes again, another reviewer answers and moves them on: all of it appears here.
    await send(admin.token, '7301', 'Mira', 'And to Porto?');
    await page.locator('.message.inbound', { hasText: 'And to Porto?' }).waitFor();
    const draftId = await pendingDraft(admin.token, '7301', 'And to Porto?');
    await desk.gql(admin.token, ClaimDraftDocument, { id: draftId });
    await desk.gql(admin.token, ApproveDraftDocument, {
      input: { draftId, bubbles: ['Yes, every day, Porto included.'], customerStatus: 'LEAD_QUALIFIED' },
    });
    await page.locator('.message.outbound', { hasText: 'Porto included' }).waitFor();
    await expect.poll(() => page.locator('.page-head .badge').textContent()).toBe('Qualified lead');

    const contactId = decodeURIComponent(new URL(page.url()).pathname.split('/').at(-1)!);
    await desk.gql(admin.token, SetCustomerStatusDocument, {
      input: { contactId, status: 'CUSTOMER', ltvAmount: '40' },
    });
    await expect.poll(() => page.locator('.page-head .badge').textContent()).toBe('Customer');
    expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
    await page.screenshot({ path: path.join(SHOTS, 'contact-live.png'), fullPage: true });
  });

  it('finds people by a word they wrote, as it is typed, and says so when nothing matches', async () => {
    explainFailure('search');
    await send(admin.token, '7302', 'Otto', 'My parcel never arrived');
    await page.goto('/contacts');
    const search = page.getByLabel('Search');
    const names = () => page.locator('.contacts-table .contact-link').allInnerTexts();
    await search.fill('parc');
    await expect.poll(names).toEqual(['Otto']);
    await search.fill('7301');
    await expect.poll(names).toEqual(['Mira']);
    await search.fill("'&|!():*");
    await page.getByText('No contacts match.').waitFor();
    await page.getByText(`Searched for “'&|!():*”`).waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'contacts-search.png'), fullPage: true });
  });

  it('filters the queue, keeps the filter in the address, and keeps the filtered list live', async () => {
    explainFailure('queue-filters');
    await send(admin.token, '7303', 'Pia', 'Is the shop open today?');
    await pendingDraft(admin.token, '7303', 'shop open');
    await page.goto('/queue');
    await page.locator('.queue-item', { hasText: 'Pia' }).waitFor();
    await page.getByText('Filters').click();
    await page.getByLabel('Customer', { exact: true }).check();
    await expect.poll(() => new URL(page.url()).search).toBe('?customer=CUSTOMER');
    await page.screenshot({ path: path.join(SHOTS, 'queue-filters-open.png') });
    await page.getByText('No draft matches these filters.').waitFor();

    // Kept across a reload; a customer's new draft arrives in the filtered list live.
    await page.reload();
    await page.getByText('No draft matches these filters.').waitFor();
    await send(admin.token, '7301', 'Mira', 'One more question about my order');
    await page.locator('.queue-item', { hasText: 'Mira' }).waitFor();
    expect(await page.locator('.queue-item', { hasText: 'Pia' }).count()).toBe(0);
    await page.screenshot({ path: path.join(SHOTS, 'queue-filtered.png'), fullPage: true });

    await page.getByText('Filters (1)').click();
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.locator('.queue-item', { hasText: 'Pia' }).waitFor();
    expect(new URL(page.url()).search).toBe('');
    expect(desk.pageErrors).toEqual([]);
  });
});
