import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateReviewerDocument, SandboxSendDocument } from '../src/gql/graphql';
import { Desk, haveChromium, shot, WAIT } from './harness';

const UNDO_SECONDS = 8;
const PRESENCE_TTL_SECONDS = 3;

let desk: Desk;
/** The admin's browser, and Nina's (a reviewer) in a context of her own: two people, two sessions. */
let admin: BrowserContext;
let nina: BrowserContext;

describe.skipIf(!haveChromium)('presence and undo in real browsers against the real server', () => {
  beforeAll(async () => {
    desk = await Desk.open({
      APPROVAL_UNDO_SECONDS: String(UNDO_SECONDS),
      PRESENCE_TTL_SECONDS: String(PRESENCE_TTL_SECONDS),
    });
    const login = await desk.signInAdmin();
    const created = await desk.gql(login.token, CreateReviewerDocument, {
      input: { email: 'nina@example.com', displayName: 'Nina', password: 'nina-password-1', role: 'REVIEWER' },
    });
    expect(created.createReviewer.__typename).toBe('CreateReviewerSuccess');
    await desk.gql(login.token, SandboxSendDocument, {
      input: { telegramUserId: '515151', firstName: 'Olga', text: 'Is the shop open on Saturday?' },
    });
    const options = { viewport: { width: 1280, height: 860 } };
    admin = await desk.context(options);
    nina = await desk.context(options);
  });

  afterAll(async () => {
    await desk?.close();
  });

  const explainFailure = (name: string) => desk.explainFailure(name);

  it('shows who is editing or viewing a draft, live in another browser, and drops a viewer who went away', async () => {
    explainFailure('presence');
    const ninaQueue = await desk.signInPage(nina, 'nina', 'nina@example.com', 'nina-password-1');
    const card = ninaQueue.locator('.queue-item', { hasText: 'Is the shop open on Saturday?' });
    await card.waitFor();
    expect(await card.getByTestId('draft-presence').count()).toBe(0);

    // The admin opens the draft (and so claims it): Nina's queue card says so, live.
    const editor = await desk.signInPage(admin, 'admin', desk.server.adminEmail, desk.server.adminPassword);
    await editor.locator('.queue-item', { hasText: 'Is the shop open on Saturday?' }).getByText('Olga').click();
    await editor.getByRole('heading', { name: 'Reply to Olga' }).waitFor();
    await card.getByTestId('draft-presence').getByText('Admin is editing').waitFor();
    await shot(ninaQueue, 'presence-01-queue-card', false);

    // Nina opens it too: she sees the admin editing, and the admin sees her looking.
    const ninaDraft = await desk.page(nina, 'nina-draft');
    await ninaDraft.goto(editor.url());
    await ninaDraft.getByRole('heading', { name: 'Reply to Olga' }).waitFor();
    await ninaDraft.locator('.page-head').getByText('Admin is editing').waitFor();
    await editor.locator('.page-head').getByText('Nina is viewing').waitFor();
    await shot(editor, 'presence-02-editor', false);

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
    const sandbox = await desk.page(admin, 'sandbox');
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
    await shot(editor!, 'undo-01-countdown', false);
    await undo.click();

    await editor!.getByText('Approval undone').waitFor();
    await editor!.waitForURL(/\/drafts\//);
    await editor!.getByRole('heading', { name: 'Reply to Olga' }).waitFor();
    await editor!.locator('.badge', { hasText: 'In review' }).first().waitFor();
    await expect.poll(() => firstBubble.isEnabled(), { timeout: WAIT }).toBe(true);
    expect(await firstBubble.inputValue()).toBe('Yes, Saturdays 10 to 4.');
    expect(await editor!.getByLabel('Notes').inputValue()).toBe('added the hours');
    await editor!.locator('.tag', { hasText: 'hours' }).waitFor();
    await shot(editor!, 'undo-02-back-in-review', false);

    // Past the window: the person got nothing.
    await new Promise((r) => setTimeout(r, UNDO_SECONDS * 1000 + 1500));
    expect(await sandbox.locator('.chat-row.theirs').count()).toBe(0);
    await sandbox.reload();
    await sandbox.getByLabel('Telegram user id').fill('515151');
    await sandbox.locator('.chat-row.mine', { hasText: 'Is the shop open on Saturday?' }).waitFor();
    expect(await sandbox.locator('.chat-row.theirs').count()).toBe(0);
    expect(desk.pageErrors).toEqual([]);
  });
});
