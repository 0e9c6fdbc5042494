import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import {
  ApproveDraftDocument,
  ClaimDraftDocument,
  LoginDocument,
  ReviewQueueDocument,
  SandboxSendDocument,
  SetCustomerStatusDocument,
} from '../src/gql/graphql';
import { type RunningServer, repoRoot, startServer } from './server';

const WAIT = 15_000;
const SHOTS = path.join(repoRoot, 'client/test-results');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
const pageErrors: string[] = [];

interface Session {
  token: string;
  reviewer: { id: string; email: string; displayName: string; role: string };
}

/** One GraphQL request over HTTP, with the web app's own generated documents: what another reviewer does. */
async function gql<R, V>(token: string | null, document: TypedDocumentNode<R, V>, variables: V): Promise<R> {
  const response = await fetch(`${server.baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query: print(document), variables }),
  });
  const body = (await response.json()) as { data?: R; errors?: unknown };
  if (!body.data || body.errors) throw new Error(`GraphQL failed: ${JSON.stringify(body.errors)}`);
  return body.data;
}

async function send(token: string, telegramUserId: string, firstName: string, text: string): Promise<void> {
  const { sandboxSend } = await gql(token, SandboxSendDocument, { input: { telegramUserId, firstName, text } });
  if (sandboxSend.__typename !== 'SandboxSendSuccess') throw new Error(`send failed: ${sandboxSend.__typename}`);
}

/** The pending draft of a Telegram user whose burst includes `text`, once drafted. */
async function pendingDraft(token: string, telegramUserId: string, text: string): Promise<string> {
  const deadline = Date.now() + WAIT;
  for (;;) {
    const { reviewQueue } = await gql(token, ReviewQueueDocument, { first: 50 });
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

function watch(page: Page, label: string): Page {
  page.setDefaultTimeout(WAIT);
  page.on('pageerror', (error) => pageErrors.push(`${label}: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(`${label} console: ${message.text()}`);
  });
  return page;
}

describe.skipIf(!existsSync(CHROMIUM))(
  'contacts: the live contact page, search and queue filters, in a real browser',
  () => {
    let admin: Session;
    let page: Page;

    beforeAll(async () => {
      await mkdir(SHOTS, { recursive: true });
      const [started, launched] = await Promise.allSettled([
        startServer(),
        chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] }),
      ]);
      if (started.status === 'fulfilled') server = started.value;
      if (launched.status === 'fulfilled') browser = launched.value;
      if (started.status === 'rejected') throw started.reason;
      if (launched.status === 'rejected') throw launched.reason;
      context = await browser.newContext({ viewport: { width: 1280, height: 860 }, baseURL: server.baseUrl });
      const { login } = await gql(null, LoginDocument, { email: server.adminEmail, password: server.adminPassword });
      if (login.__typename !== 'LoginSuccess') throw new Error('sign-in failed');
      admin = { token: login.token, reviewer: login.reviewer };
      page = watch(await context.newPage(), 'admin');
      await page.addInitScript((stored) => localStorage.setItem('countersign.session', stored), JSON.stringify(admin));
    });

    afterAll(async () => {
      await context?.close();
      await browser?.close();
      await server?.stop();
    });

    function explainFailure(name: string): void {
      onTestFailed(async () => {
        await page
          ?.screenshot({ path: path.join(SHOTS, `failure-contacts-${name}.png`), fullPage: true })
          .catch(() => {});
        console.error(`--- page errors ---\n${pageErrors.join('\n') || '(none)'}\n--- server ---\n${server?.output()}`);
      });
    }

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
      await gql(admin.token, ClaimDraftDocument, { id: draftId });
      await gql(admin.token, ApproveDraftDocument, {
        input: { draftId, bubbles: ['Yes, every day, Porto included.'], customerStatus: 'LEAD_QUALIFIED' },
      });
      await page.locator('.message.outbound', { hasText: 'Porto included' }).waitFor();
      await expect.poll(() => page.locator('.page-head .badge').textContent()).toBe('Qualified lead');

      const contactId = decodeURIComponent(new URL(page.url()).pathname.split('/').at(-1)!);
      await gql(admin.token, SetCustomerStatusDocument, {
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
      expect(pageErrors).toEqual([]);
    });
  },
);
