import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Desk, haveChromium, pwned, shot, WAIT, XSS } from './harness';

let desk: Desk;
let context: BrowserContext;

/** Set before the live steps: still there afterwards proves the page never reloaded. */
async function markNoReload(page: Page): Promise<void> {
  await page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));
}

async function stillSamePage(page: Page): Promise<boolean> {
  return page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload === true);
}

async function sandboxSend(page: Page, userId: string, firstName: string, text: string): Promise<void> {
  await page.getByLabel('Telegram user id').fill(userId);
  await page.getByLabel('First name').fill(firstName);
  await page.locator('.chat-log[data-loaded="true"]').waitFor();
  await page.getByLabel('Message', { exact: true }).fill(text);
  await page.getByLabel('Message', { exact: true }).press('Enter');
  // The sent message shows in the chat once the server has stored it.
  await page.locator('.chat-row.mine', { hasText: text }).waitFor();
}

describe.skipIf(!haveChromium)('review flow in a real browser against the real server', () => {
  beforeAll(async () => {
    desk = await Desk.open();
    context = await desk.context({ viewport: { width: 1280, height: 860 } });
  });

  afterAll(async () => {
    await desk?.close();
  });

  const explainFailure = (name: string) => desk.explainFailure(name);

  it('signs in, sees a sandbox message become a live draft, approves it and sees the replies arrive', async () => {
    explainFailure('review');
    const queue = await desk.page(context, 'queue');

    // Sign-in: a wrong password is answered inline, then the right one gets in.
    await queue.goto('/');
    await queue.getByLabel('Email').fill(desk.server.adminEmail);
    await queue.getByLabel('Password').fill('not-the-password');
    await queue.getByRole('button', { name: 'Sign in' }).click();
    await queue.getByText('Email or password is incorrect').waitFor();
    await shot(queue, '01-sign-in');
    await queue.getByLabel('Password').fill(desk.server.adminPassword);
    await queue.getByRole('button', { name: 'Sign in' }).click();
    await queue.getByRole('heading', { name: 'Review queue' }).waitFor();
    await queue.getByText('Nothing waiting for review.').waitFor();
    await queue.getByTestId('live-status').getByText('Live', { exact: true }).waitFor();
    expect(await queue.evaluate(() => localStorage.getItem('countersign.session'))).toContain('token');
    await markNoReload(queue);

    // The sandbox, in a second tab of the same session.
    const sandbox = await desk.page(context, 'sandbox');
    await sandbox.goto('/sandbox');
    await sandbox.getByText('Sandbox — plays Telegram, nothing leaves Countersign').waitFor();
    await sandbox.getByTestId('live-status').getByText('Live', { exact: true }).waitFor();
    await markNoReload(sandbox);
    await sandboxSend(sandbox, '424242', 'Ana', 'Hi, do you deliver to Lisbon?');

    // The draft arrives in the open queue over the subscription: no reload, no polling.
    // (The tab in front gets animation frames at full rate, which Playwright's clicks wait on.)
    await queue.bringToFront();
    const row = queue.locator('.queue-item', { hasText: 'Hi, do you deliver to Lisbon?' });
    await row.waitFor();
    await row.getByText('Ana', { exact: true }).waitFor();
    await row.getByText('Pending').waitFor();
    expect(await stillSamePage(queue)).toBe(true);
    await shot(queue, '02-queue-with-draft');

    // Keyboard: the first row is selected; Enter opens it, which claims it.
    await queue.keyboard.press('k');
    await queue.keyboard.press('Enter');
    await queue.waitForURL(/\/drafts\//);
    await queue.getByRole('heading', { name: 'Reply to Ana' }).waitFor();
    await queue.locator('.badge', { hasText: 'In review' }).first().waitFor();
    const firstBubble = queue.getByLabel('Bubble 1', { exact: true });
    await expect.poll(() => firstBubble.isEnabled(), { timeout: WAIT }).toBe(true);
    expect(await firstBubble.inputValue()).toBe('Hi Ana, thanks for your message!');

    // Edit the first bubble, replace the second with a new one.
    await firstBubble.fill('Hi Ana! Yes, we deliver to Lisbon.');
    await queue.getByRole('button', { name: 'Remove bubble 2' }).click();
    await queue.getByRole('button', { name: '+ Add bubble' }).click();
    await queue.getByLabel('Bubble 2', { exact: true }).fill('Delivery takes 2–3 working days.');
    await queue.getByLabel('Customer status').selectOption('CUSTOMER');

    // The server refuses an amount with three decimals: its message shows beside the field.
    await queue.getByLabel('LTV payment').fill('49.999');
    await queue.getByRole('button', { name: 'Approve and send' }).click();
    await queue.locator('.funnel .field-error', { hasText: 'at most 2 decimal places' }).waitFor();
    expect(queue.url()).toContain('/drafts/');

    await queue.getByLabel('LTV payment').fill('49.90');
    await queue.getByRole('radio', { name: '4' }).check();
    await shot(queue, '03-editor');
    await queue.getByRole('button', { name: 'Approve and send' }).click();

    await queue.getByText('Approved: 2 bubbles are on the way to Ana.').waitFor();
    await queue.getByText('LTV +49.90 (total 49.90)').waitFor();
    await queue.getByText('Nothing waiting for review.').waitFor();

    // Both reply bubbles reach the sandbox chat live.
    await sandbox.bringToFront();
    await sandbox.locator('.chat-row.theirs', { hasText: 'Hi Ana! Yes, we deliver to Lisbon.' }).waitFor();
    await sandbox.locator('.chat-row.theirs', { hasText: 'Delivery takes 2–3 working days.' }).waitFor();
    expect(await sandbox.locator('.chat-row.theirs').count()).toBe(2);
    expect(await stillSamePage(sandbox)).toBe(true);
    await shot(sandbox, '04-sandbox-with-replies');
  });

  it('renders hostile text as text, and rejects through the in-page dialog', async () => {
    explainFailure('hostile-text');
    const [queue, sandbox] = context.pages();
    if (!queue || !sandbox) throw new Error('the first test did not leave its two pages open');

    await sandbox.bringToFront();
    await sandboxSend(sandbox, '515151', 'Mallory', XSS);
    await sandbox.locator('.chat-row.mine').getByText(XSS, { exact: true }).waitFor();

    await queue.bringToFront();
    const row = queue.locator('.queue-item', { hasText: 'Mallory' });
    await row.waitFor();
    await row.locator('.queue-preview').getByText(XSS, { exact: true }).waitFor();
    expect(await row.locator('img').count()).toBe(0);
    expect(await pwned(queue)).toBeUndefined();
    expect(await pwned(sandbox)).toBeUndefined();
    expect(await stillSamePage(queue)).toBe(true);
    await shot(queue, '05-queue-with-hostile-text');

    await row.getByRole('link', { name: 'Mallory' }).click();
    await queue.getByTestId('inbound-burst').getByText(XSS, { exact: true }).waitFor();
    expect(await queue.locator('.editor img').count()).toBe(0);
    expect(await pwned(queue)).toBeUndefined();

    await expect.poll(() => queue.getByLabel('Bubble 1', { exact: true }).isEnabled(), { timeout: WAIT }).toBe(true);
    await queue.getByRole('button', { name: 'Reject…' }).click();
    const dialog = queue.getByRole('dialog', { name: 'Reject this draft?' });
    await dialog.waitFor();
    await dialog.getByLabel('Note (why it was rejected)').fill('Not a real enquiry.');
    // The modal's backdrop covers the viewport only: a viewport-sized picture shows it as seen.
    await shot(queue, '06-reject-dialog', false);
    await dialog.getByRole('button', { name: 'Reject draft' }).click();
    await queue.getByText('Rejected the draft for Mallory; nothing was sent.').waitFor();
    await queue.getByText('Nothing waiting for review.').waitFor();

    expect(desk.pageErrors).toEqual([]);
  });

  it('shows a message that arrives while the reviewer edits, and redrafts with it beside their edit', async () => {
    explainFailure('redraft');
    const [queue, sandbox] = context.pages();
    if (!queue || !sandbox) throw new Error('the first test did not leave its two pages open');

    await sandbox.bringToFront();
    await sandboxSend(sandbox, '616161', 'Nina', 'Can I still change my order?');
    await queue.bringToFront();
    const row = queue.locator('.queue-item', { hasText: 'Can I still change my order?' });
    await row.getByRole('link', { name: 'Nina' }).click();
    const firstBubble = queue.getByLabel('Bubble 1', { exact: true });
    await expect.poll(() => firstBubble.isEnabled(), { timeout: WAIT }).toBe(true);
    await firstBubble.fill('Yes, until it ships tomorrow.');

    // Nina writes again while the draft is open: the editor shows it, and the draft stays the reviewer's.
    await sandbox.bringToFront();
    await sandboxSend(sandbox, '616161', 'Nina', 'It is order 1234.');
    await queue.bringToFront();
    await queue.getByTestId('new-messages').getByText('It is order 1234.', { exact: true }).waitFor();
    expect(await firstBubble.inputValue()).toBe('Yes, until it ships tomorrow.');
    await shot(queue, '07-new-message-while-editing');

    await queue.getByRole('button', { name: 'Redraft with the new messages' }).click();
    const previous = queue.getByRole('region', { name: 'Your edit of the previous draft' });
    await previous.getByText('Yes, until it ships tomorrow.', { exact: true }).waitFor();
    await queue.getByTestId('inbound-burst').getByText('It is order 1234.', { exact: true }).waitFor();
    await queue.getByTestId('inbound-burst').getByText('Can I still change my order?', { exact: true }).waitFor();
    await expect.poll(() => firstBubble.isEnabled(), { timeout: WAIT }).toBe(true);
    // Their edit was both bubbles (only the first one changed); using it puts both back in the editor.
    await previous.getByRole('button', { name: 'Use these bubbles' }).click();
    expect(await firstBubble.inputValue()).toBe('Yes, until it ships tomorrow.');
    expect(await queue.getByLabel('Bubble 2', { exact: true }).inputValue()).toBe(
      await previous.locator('.bubble').nth(1).textContent(),
    );
    await shot(queue, '08-redraft-beside-previous-edit');
    await queue.getByRole('button', { name: 'Approve and send' }).click();
    await queue.getByText('Approved: 2 bubbles are on the way to Nina.').waitFor();

    await sandbox.bringToFront();
    await sandbox.locator('.chat-row.theirs', { hasText: 'Yes, until it ships tomorrow.' }).waitFor();
    expect(desk.pageErrors).toEqual([]);
  });

  it('lets the admin add a reviewer, who changes their own password and sees no Team link', async () => {
    explainFailure('team');
    const [admin] = context.pages();
    if (!admin) throw new Error('the first test did not leave its pages open');
    await admin.bringToFront();

    // The admin adds Rita; she appears in the list and the form is cleared.
    await admin.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Team' }).click();
    await admin.getByRole('heading', { name: 'Team', exact: true }).waitFor();
    const list = admin.getByRole('table', { name: 'Reviewers' });
    await list.getByRole('row').filter({ hasText: desk.server.adminEmail }).waitFor();
    const form = admin.locator('form', { has: admin.getByRole('heading', { name: 'Add reviewer' }) });
    const addRita = async () => {
      await form.getByLabel('Email').fill('rita@example.com');
      await form.getByLabel('Name').fill('Rita');
      await form.getByLabel('Password').fill('rita-password-1');
      await form.getByLabel('Role').selectOption('REVIEWER');
      await form.getByRole('button', { name: 'Add reviewer' }).click();
    };
    await addRita();
    const ritaRow = list.getByRole('row').filter({ hasText: 'rita@example.com' });
    await ritaRow.waitFor();
    expect((await ritaRow.getByRole('cell').allInnerTexts()).slice(0, 2)).toEqual(['Rita', 'rita@example.com']);
    expect(await ritaRow.getByLabel('Role of Rita').inputValue()).toBe('REVIEWER');
    await ritaRow.getByText('active', { exact: true }).waitFor();
    expect(await form.getByLabel('Email').inputValue()).toBe('');
    expect(await form.getByLabel('Password').inputValue()).toBe('');

    // Adding her again: the server's message shows under the email field, and nothing is added.
    await addRita();
    const emailField = form.locator('.field', { has: admin.getByLabel('Email') });
    await emailField.locator('.field-error', { hasText: 'A reviewer with this email already exists' }).waitFor();
    expect(await form.getByLabel('Email').getAttribute('aria-invalid')).toBe('true');
    expect(await list.getByRole('row').filter({ hasText: 'rita@example.com' }).count()).toBe(1);
    await shot(admin, '07-team');

    // Rita signs in elsewhere; reviewers see no Team link, and the page itself says why.
    const ritaContext = await desk.context({ viewport: { width: 1280, height: 860 } });
    const rita = await desk.page(ritaContext, 'rita');
    await rita.goto('/');
    await rita.getByLabel('Email').fill('rita@example.com');
    await rita.getByLabel('Password').fill('rita-password-1');
    await rita.getByRole('button', { name: 'Sign in' }).click();
    await rita.getByRole('heading', { name: 'Review queue' }).waitFor();
    const nav = rita.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Sandbox' }).waitFor();
    expect(await nav.getByRole('link', { name: 'Team' }).count()).toBe(0);

    // Her name in the top bar opens her account; a mistyped repeat is caught before sending.
    await rita.getByRole('link', { name: 'Rita (reviewer)' }).click();
    await rita.waitForURL(/\/account$/);
    await rita.getByRole('heading', { name: 'Change password' }).waitFor();
    await rita.getByLabel('Current password').fill('rita-password-1');
    await rita.getByLabel('New password', { exact: true }).fill('rita-password-2');
    await rita.getByLabel('Repeat new password').fill('rita-password-3');
    await rita.getByRole('button', { name: 'Change password' }).click();
    await rita.getByText('The new passwords do not match.').waitFor();
    await rita.getByLabel('Repeat new password').fill('rita-password-2');
    await rita.getByRole('button', { name: 'Change password' }).click();
    await rita.getByText('Password changed. Your other sessions were signed out.').waitFor();
    expect(await rita.getByLabel('Current password').inputValue()).toBe('');
    await shot(rita, '08-account');

    // The new password is the one that works now.
    await rita.getByRole('button', { name: 'Sign out' }).click();
    await rita.getByLabel('Email').fill('rita@example.com');
    await rita.getByLabel('Password').fill('rita-password-1');
    await rita.getByRole('button', { name: 'Sign in' }).click();
    await rita.getByText('Email or password is incorrect').waitFor();
    await rita.getByLabel('Password').fill('rita-password-2');
    await rita.getByRole('button', { name: 'Sign in' }).click();
    // Signing in keeps the address, so she is back on her account page.
    await rita.getByRole('heading', { name: 'Account' }).waitFor();

    // Going to /team directly as a reviewer only explains; the reviewers list is never asked for.
    await rita.goto('/team');
    await rita.getByText('Only admins can manage the team.').waitFor();
    expect(await rita.getByRole('table').count()).toBe(0);
    expect(await rita.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Team' }).count()).toBe(0);

    expect(desk.pageErrors).toEqual([]);
  });

  it('lets the admin create the persona drafting uses, and explains an empty prompt beside it', async () => {
    explainFailure('persona');
    const [admin] = context.pages();
    if (!admin) throw new Error('the first test did not leave its pages open');
    await admin.bringToFront();
    if (!admin.url().endsWith('/team')) await admin.goto('/team');

    // No persona yet: drafting uses the default one, whose prompt is shown.
    const inUse = admin.getByTestId('active-persona');
    await inUse.getByText('Default persona', { exact: true }).waitFor();
    await inUse.getByText('You are a courteous assistant', { exact: false }).waitFor();
    expect(await admin.getByRole('table', { name: 'Personas' }).count()).toBe(0);

    // Create "Tile shop" as the active persona; the count follows the prompt as it is typed.
    const prompt = 'You answer for Azulejo, a tile shop in Porto.';
    const form = admin.locator('form', { has: admin.getByLabel('Prompt', { exact: true }) });
    await form.getByRole('heading', { name: 'New persona' }).waitFor();
    await form.getByLabel('Name').fill('Tile shop');
    await form.getByLabel('Prompt', { exact: true }).fill(prompt);
    expect(await form.getByTestId('persona-prompt-count').textContent()).toBe(`${prompt.length} / 8000`);
    await form.getByLabel('Use for drafting').check();
    await form.getByRole('button', { name: 'Create persona' }).click();
    await form.getByText('Saved Tile shop. Drafting uses it now.').waitFor();
    await form.getByRole('heading', { name: 'Edit persona: Tile shop' }).waitFor();

    // It is the one in use, and the only row of the list, marked active.
    await inUse.locator('.persona-active-name', { hasText: 'Tile shop' }).waitFor();
    expect(await inUse.locator('.persona-active-name').textContent()).toBe('Tile shop active');
    await inUse.getByText(prompt, { exact: true }).waitFor();
    expect(await inUse.getByText('Default persona').count()).toBe(0);
    const list = admin.getByRole('table', { name: 'Personas' });
    const tileRow = list.getByRole('row').filter({ hasText: 'Tile shop' });
    await tileRow.locator('.badge', { hasText: 'active' }).waitFor();
    expect(await list.locator('tbody tr').count()).toBe(1);

    // The server kept it: after a reload the list comes from the server alone.
    await admin.reload();
    await inUse.getByText(prompt, { exact: true }).waitFor();
    await tileRow.locator('.badge', { hasText: 'active' }).waitFor();
    await tileRow.getByRole('button', { name: 'Edit Tile shop' }).click();
    await form.getByRole('heading', { name: 'Edit persona: Tile shop' }).waitFor();
    expect(await form.getByLabel('Prompt', { exact: true }).inputValue()).toBe(prompt);
    expect(await form.getByLabel('Use for drafting').isChecked()).toBe(true);

    // A new persona with an empty prompt: the server's message shows under the prompt field.
    await admin.getByRole('button', { name: '+ New persona' }).click();
    await form.getByRole('heading', { name: 'New persona' }).waitFor();
    await form.getByLabel('Name').fill('Empty');
    await form.getByRole('button', { name: 'Create persona' }).click();
    const promptField = form.locator('.field', { has: admin.getByLabel('Prompt', { exact: true }) });
    await promptField.locator('.field-error', { hasText: 'Prompt must not be empty' }).waitFor();
    expect(await form.getByLabel('Prompt', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(await list.locator('tbody tr').count()).toBe(1);
    await inUse.getByText(prompt, { exact: true }).waitFor();
    await shot(admin, '09-persona');

    expect(desk.pageErrors).toEqual([]);
  });

  it('shows a contact with the conversation and status history, records a payment, and erases a person', async () => {
    explainFailure('contacts');
    const [admin] = context.pages();
    if (!admin) throw new Error('the first test did not leave its pages open');
    await admin.bringToFront();

    // Contacts, from the top bar: searching by name narrows the list to Ana, a customer since the approval.
    const nav = admin.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Contacts' }).click();
    await admin.getByRole('heading', { name: 'Contacts', exact: true }).waitFor();
    const list = admin.getByRole('table', { name: 'Contacts' });
    await list.getByRole('link', { name: 'Mallory' }).waitFor();
    await admin.getByLabel('Search').fill('Ana');
    await expect.poll(() => list.locator('tbody tr').count(), { timeout: WAIT }).toBe(1);
    const anaRow = list.getByRole('row').filter({ hasText: 'Ana' });
    expect(await anaRow.getByRole('cell').allInnerTexts()).toEqual(['Ana', '424242', 'Customer', '49.90']);
    await anaRow.getByRole('link', { name: 'Ana' }).click();

    // Her page: the whole conversation as text, and the move the approval recorded.
    await admin.waitForURL(/\/contacts\/[^/]+$/);
    await admin.getByRole('heading', { name: 'Ana', exact: true }).waitFor();
    expect(await admin.getByTestId('contact-ltv').textContent()).toBe('49.90');
    const conversation = admin.getByRole('list', { name: 'Conversation history' });
    await conversation.locator('.message.inbound', { hasText: 'Hi, do you deliver to Lisbon?' }).waitFor();
    await conversation.locator('.message.outbound', { hasText: 'Hi Ana! Yes, we deliver to Lisbon.' }).waitFor();
    await conversation.locator('.message.outbound', { hasText: 'Delivery takes 2–3 working days.' }).waitFor();
    expect(await conversation.locator('.message').count()).toBe(3);
    const history = admin.getByRole('table', { name: 'Status history' });
    const move = history.getByRole('row').filter({ hasText: 'Prospect → Customer' });
    await move.waitFor();
    expect(await move.getByRole('cell').last().textContent()).toBe('Admin');

    // A repeat purchase: the status stays Customer and the payment adds to the lifetime value.
    const form = admin.locator('form', { has: admin.getByRole('heading', { name: 'Change status' }) });
    expect(await form.getByLabel('Customer status').inputValue()).toBe('');
    await form.getByLabel('LTV payment').fill('10.10');
    await form.getByRole('button', { name: 'Save' }).click();
    await form.getByText('Saved. LTV +10.10 (total 60.00).').waitFor();
    await expect.poll(() => admin.getByTestId('contact-ltv').textContent(), { timeout: WAIT }).toBe('60.00');
    expect(await form.getByLabel('LTV payment').inputValue()).toBe('');

    // Customer → Prospect is outside the funnel: without an override reason the server's typed error
    // shows beside the status.
    await form.getByLabel('Customer status').selectOption('PROSPECT');
    expect(await form.getByLabel('LTV payment').isDisabled()).toBe(true);
    await form.getByRole('button', { name: 'Save' }).click();
    await form.locator('.funnel .field-error', { hasText: 'cannot move from CUSTOMER to PROSPECT' }).waitFor();
    expect(await form.getByLabel('Customer status').getAttribute('aria-invalid')).toBe('true');
    expect(await admin.getByTestId('contact-ltv').textContent()).toBe('60.00');
    expect(await history.locator('tbody tr').count()).toBe(1);
    await shot(admin, '10-contact');

    // Erasing Mallory: her page shows her hostile message as text; the dialog wants her name typed.
    await nav.getByRole('link', { name: 'Contacts' }).click();
    await list.getByRole('link', { name: 'Mallory' }).click();
    await admin.getByRole('heading', { name: 'Mallory', exact: true }).waitFor();
    await conversation.getByText(XSS, { exact: true }).waitFor();
    expect(await conversation.locator('img').count()).toBe(0);
    expect(await pwned(admin)).toBeUndefined();
    await admin.getByRole('button', { name: 'Erase this person…' }).click();
    const dialog = admin.getByRole('dialog', { name: 'Erase Mallory?' });
    await dialog.waitFor();
    const erase = dialog.getByRole('button', { name: 'Erase permanently' });
    expect(await erase.isDisabled()).toBe(true);
    await dialog.getByLabel('Type their name to confirm').fill('Mallor');
    expect(await erase.isDisabled()).toBe(true);
    await dialog.getByLabel('Type their name to confirm').fill('Mallory');
    expect(await erase.isEnabled()).toBe(true);
    await shot(admin, '11-erase-dialog', false);
    await erase.click();

    // Back on the list with what was erased; she is gone, here and on the desk.server.
    await admin.waitForURL(/\/contacts$/);
    await admin.getByText('Erased Mallory: 1 message, 1 draft.').waitFor();
    await list.getByRole('link', { name: 'Ana' }).waitFor();
    expect(await list.getByRole('link', { name: 'Mallory' }).count()).toBe(0);
    await admin.reload();
    await list.getByRole('link', { name: 'Ana' }).waitFor();
    expect(await list.getByRole('link', { name: 'Mallory' }).count()).toBe(0);
    await admin.getByLabel('Search').fill('515151');
    await admin.getByText('No contacts match.').waitFor();

    expect(desk.pageErrors).toEqual([]);
  });
});
