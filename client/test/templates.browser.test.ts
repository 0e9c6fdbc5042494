import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Desk, haveChromium, shot, submitSignIn, WAIT } from './harness';

let desk: Desk;
let context: BrowserContext;

describe.skipIf(!haveChromium)('reply templates, edit tags and the team in a real browser', () => {
  beforeAll(async () => {
    desk = await Desk.open();
    context = await desk.context();
  });

  afterAll(async () => {
    await desk?.close();
  });

  const explainFailure = (name: string) => desk.explainFailure(name);

  it('an admin writes a template and a tag; a reviewer inserts the template through / and takes the tag', async () => {
    explainFailure('templates');
    const page = await desk.page(context, 'admin');
    await submitSignIn(page, desk.server.adminEmail, desk.server.adminPassword);
    await page.getByRole('heading', { name: 'Review queue' }).waitFor();

    // Templates on the Team page: an unknown variable is refused and named, then the template is saved.
    await page.goto('/team');
    const form = page.getByRole('form', { name: 'New template' });
    await form.getByLabel('Name').fill('Greeting');
    await form.getByLabel('Text').fill('Hi {{firstName|there}}, {{reviewerName}} here. Your price: {{price}}');
    await form.getByRole('button', { name: 'Create template' }).click();
    await form.getByText('Unknown template variable: {{price}}').waitFor();
    await form.getByLabel('Text').fill('Hi {{firstName|there}}, {{reviewerName}} here. How can I help?');
    await form.getByRole('button', { name: 'Create template' }).click();
    await page.getByText('Saved Greeting.').waitFor();
    await page
      .getByRole('table', { name: 'Reply templates' })
      .getByRole('cell', { name: 'Greeting', exact: true })
      .waitFor();

    // Edit tags: a new one, and a retired one that the editor no longer suggests.
    const tagForm = page.getByRole('form', { name: 'New tag' });
    await tagForm.getByLabel('Name').fill('empathy');
    await tagForm.getByRole('button', { name: 'Create tag' }).click();
    await page.getByText('Saved empathy.').waitFor();
    await page.getByRole('button', { name: 'Retire rewrite' }).click();
    await page
      .getByRole('table', { name: 'Edit tags' })
      .getByRole('row', { name: /rewrite/ })
      .getByText('retired')
      .waitFor();
    await shot(page, 'templates-01-team-page', false);

    // A person writes in the sandbox; the admin opens the draft.
    await page.goto('/sandbox');
    await page.getByLabel('Telegram user id').fill('777001');
    await page.getByLabel('First name').fill('Ana Maria');
    await page.locator('.chat-log[data-loaded="true"]').waitFor();
    await page.getByLabel('Message', { exact: true }).fill('Hello, is anyone there?');
    await page.getByLabel('Message', { exact: true }).press('Enter');
    await page.locator('.chat-row.mine', { hasText: 'Hello, is anyone there?' }).waitFor();
    await page.goto('/');
    await page
      .locator('.queue-item', { hasText: 'Hello, is anyone there?' })
      .getByRole('link', { name: 'Ana Maria' })
      .click();
    const first = page.getByLabel('Bubble 1', { exact: true });
    await expect.poll(() => first.isEnabled(), { timeout: WAIT }).toBe(true);

    // One bubble to start from (the offline drafter suggests two).
    const removeSecond = page.getByRole('button', { name: 'Remove bubble 2' });
    while ((await removeSecond.count()) > 0) await removeSecond.click();

    // Keyboard: "/gre" opens the list, narrowed by what follows the slash; Enter inserts the filled text.
    await first.fill('');
    await first.pressSequentially('Hello! /gre');
    const list = page.getByRole('listbox', { name: 'Reply templates' });
    await list.getByRole('option', { name: /Greeting/ }).waitFor();
    await shot(page, 'templates-02-slash-list', false);
    await first.press('Enter');
    await expect.poll(() => first.inputValue()).toBe('Hello! Hi Ana, Admin here. How can I help?');
    expect(await list.count()).toBe(0);
    // A slash inside a word is text, not a command.
    await first.pressSequentially(' and/or');
    expect(await list.count()).toBe(0);

    // Mouse: a "/" in a new bubble, then a click on the option; Esc closes the list without leaving the page.
    await page.getByRole('button', { name: '+ Add bubble' }).click();
    const second = page.getByLabel('Bubble 2', { exact: true });
    await second.pressSequentially('/');
    await list.waitFor();
    await second.press('Escape');
    expect(await list.count()).toBe(0);
    expect(page.url()).toContain('/drafts/');
    await second.pressSequentially('x');
    await second.fill('');
    await second.pressSequentially('/');
    await list.getByRole('option', { name: /Greeting/ }).click();
    await expect.poll(() => second.inputValue()).toBe('Hi Ana, Admin here. How can I help?');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toMatch(/^bubble-/);

    // Tags: the managed list is suggested (not the retired tag), narrowed by what is typed.
    const suggestions = page.locator('.suggestions');
    await suggestions.getByRole('button', { name: '+ empathy' }).waitFor();
    expect(await suggestions.getByRole('button', { name: '+ rewrite' }).count()).toBe(0);
    await page.getByLabel('Edit tags').fill('emp');
    expect(await suggestions.getByRole('button').count()).toBe(1);
    await suggestions.getByRole('button', { name: '+ empathy' }).click();
    await page.locator('.tags .tag', { hasText: 'empathy' }).waitFor();
    expect(await page.locator('.tags .tag').count()).toBe(1);
    await shot(page, 'templates-03-editor-with-template-and-tag', false);

    await page.getByRole('button', { name: 'Approve and send' }).click();
    await page.getByText(/Approved: 2 bubbles are on the way to Ana Maria/).waitFor();
    expect(desk.pageErrors).toEqual([]);
  });

  it('a password reset makes the next sign-in choose a new password first', async () => {
    explainFailure('password-reset');
    const page = context.pages()[0]!;
    await page.goto('/team');
    const add = page.getByRole('form', { name: 'Add reviewer' });
    await add.getByLabel('Email').fill('rita@example.com');
    await add.getByLabel('Name').fill('Rita');
    await add.getByLabel('Password').fill('ritas-first-password');
    await add.getByRole('button', { name: /Add/ }).click();
    const row = page.getByRole('table', { name: 'Reviewers' }).getByRole('row', { name: /Rita/ });
    await row.waitFor();

    await row.getByRole('button', { name: 'Reset password of Rita' }).click();
    const dialog = page.getByRole('dialog', { name: 'Reset the password of Rita?' });
    await dialog.getByRole('button', { name: 'Reset password' }).click();
    const temporary = (await dialog.getByTestId('temporary-password').textContent())?.trim() ?? '';
    expect(temporary.length).toBeGreaterThanOrEqual(16);
    await shot(page, 'templates-04-temporary-password', false);
    await dialog.getByRole('button', { name: 'Done' }).click();
    await row.getByText('must choose a new password').waitFor();

    const ritaContext = await desk.context();
    const rita = await desk.page(ritaContext, 'rita');
    await submitSignIn(rita, 'rita@example.com', temporary);
    await rita.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    expect(await rita.evaluate(() => localStorage.getItem('countersign.session'))).toBeNull();
    await rita.getByLabel('New password', { exact: true }).fill('ritas-new-password');
    await rita.getByLabel('Repeat the new password').fill('ritas-new-password');
    await shot(rita, 'templates-05-choose-new-password', false);
    await rita.getByRole('button', { name: 'Set password and sign in' }).click();
    await rita.getByRole('heading', { name: 'Review queue' }).waitFor();
    expect(desk.pageErrors).toEqual([]);
  });
});
