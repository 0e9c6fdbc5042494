import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { CreateReviewerDocument, LoginDocument, SandboxSendDocument } from '../src/gql/graphql';
import { type RunningServer, repoRoot, startServer } from './server';

const WAIT = 15_000;
const SHOTS = path.join(repoRoot, 'client/test-results');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const UNDO_SECONDS = 8;
const PRESENCE_TTL_SECONDS = 3;

let server: RunningServer;
let browser: Browser;
/** The admin's browser, and Nina's (a reviewer) in a context of her own: two people, two sessions. */
let admin: BrowserContext;
let nina: BrowserContext;
const pageErrors: string[] = [];

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

function watch(page: Page, label: string): Page {
  page.setDefaultTimeout(WAIT);
  page.on('pageerror', (error) => pageErrors.push(`${label}: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(`${label} console: ${message.text()}`);
  });
  return page;
}

async function signIn(context: BrowserContext, label: string, email: string, password: string): Promise<Page> {
  const page = watch(await context.newPage(), label);
  await page.goto('/');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Review queue' }).waitFor();
  await page.getByTestId('live-status').getByText('Live', { exact: true }).waitFor();
  return page;
}

const haveChromium = existsSync(CHROMIUM);

describe.skipIf(!haveChromium)('presence and undo in real browsers against the real server', () => {
  beforeAll(async () => {
    await mkdir(SHOTS, { recursive: true });
    const [started, launched] = await Promise.allSettled([
      startServer({
        APPROVAL_UNDO_SECONDS: String(UNDO_SECONDS),
        PRESENCE_TTL_SECONDS: String(PRESENCE_TTL_SECONDS),
      }),
      chromium.launch({
        executablePath: CHROMIUM,
        headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
      }),
    ]);
    if (started.status === 'fulfilled') server = started.value;
    if (launched.status === 'fulfilled') browser = launched.value;
    if (started.status === 'rejected') throw started.reason;
    if (launched.status === 'rejected') throw launched.reason;
    const { login } = await gql(null, LoginDocument, { email: server.adminEmail, password: server.adminPassword });
    if (login.__typename !== 'LoginSuccess') throw new Error('admin sign-in failed');
    const created = await gql(login.token, CreateReviewerDocument, {
      input: { email: 'nina@example.com', displayName: 'Nina', password: 'nina-password-1', role: 'REVIEWER' },
    });
    expect(created.createReviewer.__typename).toBe('CreateReviewerSuccess');
    await gql(login.token, SandboxSendDocument, {
      input: { telegramUserId: '515151', firstName: 'Olga', text: 'Is the shop open on Saturday?' },
    });
    const options = { viewport: { width: 1280, height: 860 }, baseURL: server.baseUrl };
    admin = await browser.newContext(options);
    nina = await browser.newContext(options);
  });

  afterAll(async () => {
    await nina?.close();
    await admin?.close();
    await browser?.close();
    await server?.stop();
  });

  function explainFailure(testName: string): void {
    onTestFailed(async () => {
      const pages = [...(admin?.pages() ?? []), ...(nina?.pages() ?? [])];
      await Promise.all(
        pages.map((page, i) =>
          page
            .screenshot({ path: path.join(SHOTS, `failure-${testName}-page${i + 1}.png`), fullPage: true })
            .catch(() => undefined),
        ),
      );
      console.error(`--- page errors ---\n${pageErrors.join('\n') || '(none)'}\n--- server ---\n${server?.output()}`);
    });
  }

  it('shows who is editing or viewing a draft, live in another browser, and drops a viewer who went away', async () => {
    explainFailure('presence');
    const ninaQueue = await signIn(nina, 'nina', 'nina@example.com', 'nina-password-1');
    const card = ninaQueue.locator('.queue-item', { hasText: 'Is the shop open on Saturday?' });
    await card.waitFor();
    expect(await card.getByTestId('draft-presence').count()).toBe(0);

    // The admin opens the draft (and so claims it): Nina's queue card says so, live.
    const editor = await signIn(admin, 'admin', server.adminEmail, server.adminPassword);
    await editor.locator('.queue-item', { hasText: 'Is the shop open on Saturday?' }).getByText('Olga').click();
    await editor.getByRole('heading', { name: 'Reply to Olga' }).waitFor();
    await card.getByTestId('draft-presence').getByText('Admin is editing').waitFor();
    await ninaQueue.screenshot({ path: path.join(SHOTS, 'presence-01-queue-card.png') });

    // Nina opens it too: she sees the admin editing, and the admin sees her looking.
    const ninaDraft = watch(await nina.newPage(), 'nina-draft');
    await ninaDraft.goto(editor.url());
    await ninaDraft.getByRole('heading', { name: 'Reply to Olga' }).waitFor();
    await ninaDraft.locator('.page-head').getByText('Admin is editing').waitFor();
    await editor.locator('.page-head').getByText('Nina is viewing').waitFor();
    await editor.screenshot({ path: path.join(SHOTS, 'presence-02-editor.png') });

    // Nina's tab goes away without a word (closed, not navigated): gone after the TTL, without a reload.
    const closedAt = Date.now();
    await ninaDraft.close({ runBeforeUnload: false });
    await editor
      .locator('.page-head')
      .getByText('Nina is viewing')
      .waitFor({ state: 'detached', timeout: PRESENCE_TTL_SECONDS * 1000 + 5000 });
    expect(Date.now() - closedAt).toBeLessThan(PRESENCE_TTL_SECONDS * 1000 + 5000);
  });

  it('undoes an approval inside the window: the draft comes back claimed with its edits, and nothing is sent', async () => {
    explainFailure('undo');
    const [editor] = admin.pages();
    const sandbox = watch(await admin.newPage(), 'sandbox');
    await sandbox.goto('/sandbox');
    await sandbox.getByLabel('Telegram user id').fill('515151');
    await sandbox.locator('.chat-log[data-loaded="true"]').waitFor();
    await sandbox.locator('.chat-row.mine', { hasText: 'Is the shop open on Saturday?' }).waitFor();

    await editor!.bringToFront();
    const firstBubble = editor!.getByLabel('Bubble 1', { exact: true });
    await expect.poll(() => firstBubble.isEnabled(), { timeout: WAIT }).toBe(true);
    await firstBubble.fill('Yes, Saturdays 10 to 4.');
    await editor!.getByLabel('Edit tags').fill('hours');
    await editor!.getByLabel('Edit tags').press('Enter');
    await editor!.getByLabel('Notes').fill('added the hours');
    await editor!.getByRole('button', { name: 'Approve and send' }).click();

    const undo = editor!.getByRole('button', { name: /^Undo \(\d+ s\)$/ });
    await undo.waitFor();
    await editor!.screenshot({ path: path.join(SHOTS, 'undo-01-countdown.png') });
    await undo.click();

    await editor!.getByText('Approval undone').waitFor();
    await editor!.waitForURL(/\/drafts\//);
    await editor!.getByRole('heading', { name: 'Reply to Olga' }).waitFor();
    await editor!.locator('.badge', { hasText: 'In review' }).first().waitFor();
    await expect.poll(() => firstBubble.isEnabled(), { timeout: WAIT }).toBe(true);
    expect(await firstBubble.inputValue()).toBe('Yes, Saturdays 10 to 4.');
    expect(await editor!.getByLabel('Notes').inputValue()).toBe('added the hours');
    await editor!.locator('.tag', { hasText: 'hours' }).waitFor();
    await editor!.screenshot({ path: path.join(SHOTS, 'undo-02-back-in-review.png') });

    // Past the window: the person got nothing.
    await new Promise((r) => setTimeout(r, UNDO_SECONDS * 1000 + 1500));
    expect(await sandbox.locator('.chat-row.theirs').count()).toBe(0);
    await sandbox.reload();
    await sandbox.getByLabel('Telegram user id').fill('515151');
    await sandbox.locator('.chat-row.mine', { hasText: 'Is the shop open on Saturday?' }).waitFor();
    expect(await sandbox.locator('.chat-row.theirs').count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });
});
