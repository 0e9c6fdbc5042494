import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ApproveDraftDocument,
  ContactPageDocument,
  DraftEditorDocument,
  RejectDraftDocument,
  ReviewQueueDocument,
  SandboxSendDocument,
} from '../src/gql/graphql';
import { Desk, haveChromium, pwned, type Session, shot, until, WAIT, XSS } from './harness';

const HUGO = '91000001';
/** Earlier turns than the editor's first page (10) holds with the answered one. */
const OLD_TURNS = 10;

let desk: Desk;

async function send(token: string, text: string): Promise<void> {
  const sent = await desk.gql(token, SandboxSendDocument, { input: { telegramUserId: HUGO, firstName: 'Hugo', text } });
  expect(sent.sandboxSend.__typename).toBe('SandboxSendSuccess');
}

/** The editor's document selects these through fragments: there at run time, masked in the type. */
interface EditorDraft {
  id: string;
  status: string;
  inboundText: string;
  deliveries: Array<{ status: string }>;
  contact: { id: string; telegramUserId: string };
}

async function editorDraft(token: string, id: string): Promise<EditorDraft> {
  return (await desk.gql(token, DraftEditorDocument, { id })).draft as unknown as EditorDraft;
}

/** Hugo's pending draft once its burst holds every one of `texts` (the queue's rows carry the burst). */
async function pendingDraft(token: string, texts: string[]): Promise<EditorDraft> {
  const deadline = Date.now() + WAIT;
  for (;;) {
    const { reviewQueue } = await desk.gql(token, ReviewQueueDocument, { first: 50 });
    for (const { node } of reviewQueue.edges) {
      const draft = node as unknown as EditorDraft;
      if (draft.status !== 'PENDING' || draft.contact.telegramUserId !== HUGO) continue;
      if (texts.every((t) => draft.inboundText.includes(t))) return draft;
    }
    if (Date.now() > deadline) throw new Error(`no pending draft with ${JSON.stringify(texts)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Wider than the viewport: the page scrolls sideways on a phone. */
const overflowsSideways = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);

describe.skipIf(!haveChromium)('the person panel and the conversation history, in a real browser', () => {
  let admin: Session;
  let page: Page;
  let openDraft: { id: string };
  let contactId: string;

  beforeAll(async () => {
    desk = await Desk.open();
    admin = await desk.signInAdmin();

    // Ten early questions were turned down; then a turn answered and delivered; the latest one waits for review.
    for (let i = 1; i <= OLD_TURNS; i++) {
      await send(admin.token, `Old question ${i}`);
      const old = await pendingDraft(admin.token, [`Old question ${i}`]);
      const rejected = await desk.gql(admin.token, RejectDraftDocument, { input: { draftId: old.id, claim: true } });
      expect(rejected.rejectDraft.__typename).toBe('RejectDraftSuccess');
    }
    await send(admin.token, 'I love hiking in the mountains.');
    await send(admin.token, XSS);
    const first = await pendingDraft(admin.token, ['I love hiking in the mountains.', XSS]);
    const approved = await desk.gql(admin.token, ApproveDraftDocument, {
      input: {
        draftId: first.id,
        claim: true,
        bubbles: ['Hiking sounds wonderful!', 'Which trail is your favourite?'],
      },
    });
    expect(approved.approveDraft.__typename).toBe('ApproveDraftSuccess');
    await until(async () => (await editorDraft(admin.token, first.id)).deliveries.every((d) => d.status === 'SENT'));
    await send(admin.token, "Any tips for a trail near Porto? I can't stand crowded beaches.");
    openDraft = await pendingDraft(admin.token, ['Any tips for a trail near Porto?']);
    // Extraction runs on the job queue after each turn; the panel reads what it has stored.
    contactId = first.contact.id;
    await until(async () => {
      const { contact } = await desk.gql(admin.token, ContactPageDocument, { id: contactId, last: 1, before: null });
      const profile = (contact as unknown as { profile: { preferences: Array<{ topic: string }> } | null }).profile;
      return profile?.preferences.some((p) => p.topic === 'crowded beaches') ?? false;
    }, 'the profile to hold both turns');

    page = await desk.signedInPage(await desk.context(), admin, 'person');
  });

  afterAll(async () => {
    await desk?.close();
  });

  const explainFailure = (name: string) => desk.explainFailure(`person-${name}`);

  it('shows the earlier turn above the burst, its approved reply marked, all of it as text', async () => {
    explainFailure('history');
    await page.goto(`/drafts/${openDraft.id}`);
    await page.getByRole('heading', { name: 'Reply to Hugo' }).waitFor();
    const history = page.getByRole('region', { name: 'Earlier in the conversation' });
    await history.getByText('I love hiking in the mountains.', { exact: true }).waitFor();
    await history.getByText(XSS, { exact: true }).waitFor();
    expect(await page.locator('.editor img').count()).toBe(0);
    expect(await pwned(page)).toBeUndefined();

    const reply = history.getByTestId('approved-reply');
    await reply.getByText('Hiking sounds wonderful!', { exact: true }).waitFor();
    await reply.getByText('Which trail is your favourite?', { exact: true }).waitFor();
    const mark = await reply.locator('.reply-mark').textContent();
    expect(mark).toContain('Approved');
    expect(mark).toContain(`by ${admin.reviewer.displayName}`);
    expect(mark).toContain('delivered');
    expect(mark).not.toContain('not delivered');
    // The history sits above the burst the reviewer answers, which is not repeated in it.
    const historyBox = await history.boundingBox();
    const burstBox = await page.getByTestId('inbound-burst').boundingBox();
    expect(historyBox && burstBox && historyBox.y < burstBox.y).toBe(true);
    expect(await history.getByText('Any tips for a trail near Porto?').count()).toBe(0);
    // Ten turns at first: the answered one and nine of the rejected ones; Load older brings the first back.
    expect(await history.locator('li.turn').count()).toBe(10);
    expect(await history.getByText('Old question 1', { exact: true }).count()).toBe(0);
    await history.getByText('Old question 2', { exact: true }).waitFor();
    expect(await history.locator('li.turn[data-status="REJECTED"]').first().textContent()).toContain('Rejected by');
    await shot(page, 'person-01-editor-history');
    await history.getByRole('button', { name: 'Load older' }).click();
    await history.getByText('Old question 1', { exact: true }).waitFor();
    expect(await history.locator('li.turn').count()).toBe(OLD_TURNS + 1);
    expect(await history.getByRole('button', { name: 'Load older' }).count()).toBe(0);
    expect(desk.pageErrors).toEqual([]);
  });

  it('keeps the editor usable on a phone: one column, nothing wider than the screen', async () => {
    explainFailure('narrow');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`/drafts/${openDraft.id}`);
    const history = page.getByRole('region', { name: 'Earlier in the conversation' });
    await history.getByText('Hiking sounds wonderful!', { exact: true }).waitFor();
    const firstBubble = page.getByLabel('Bubble 1', { exact: true });
    await expect.poll(() => firstBubble.isEnabled(), { timeout: WAIT }).toBe(true);
    expect(await overflowsSideways(page)).toBe(false);
    // The history scrolls inside its own box, so the burst and the reply form stay close.
    const list = await history.locator('.conversation').boundingBox();
    expect(list && list.height <= 844 * 0.45 + 1).toBe(true);
    await firstBubble.fill('Try the Paiva walkways, Hugo!');
    expect(await firstBubble.inputValue()).toBe('Try the Paiva walkways, Hugo!');
    await shot(page, 'person-02-editor-narrow');
    await page.setViewportSize({ width: 1280, height: 900 });
    expect(desk.pageErrors).toEqual([]);
  });

  it('shows who the person is beside the burst: interests with confidence, language, mood and its trend, style', async () => {
    explainFailure('panel');
    await page.goto(`/drafts/${openDraft.id}`);
    const panel = page.getByRole('region', { name: 'Who they are' });
    const interests = panel.getByRole('list', { name: 'Interests' });
    const hiking = interests.getByRole('listitem').filter({ hasText: 'hiking in the mountains' });
    await hiking.waitFor();
    expect(await hiking.textContent()).toContain('Likes hiking in the mountains');
    expect(await hiking.getByRole('meter', { name: 'Confidence in hiking in the mountains' }).count()).toBe(1);
    const beaches = interests.getByRole('listitem').filter({ hasText: 'crowded beaches' });
    expect(await beaches.textContent()).toContain('Dislikes crowded beaches');
    // Loved hiking, then could not stand the beaches: the mood went down.
    const mood = await panel.getByTestId('person-mood').textContent();
    expect(mood).toContain('negative');
    expect(mood).toContain('worsening');
    await panel.getByRole('img', { name: 'Mood over the last 2 readings' }).waitFor();
    expect(await panel.getByText('English (en)').count()).toBe(1);
    expect(await panel.getByTestId('person-style').textContent()).toContain('messages');
    await panel.getByText('No summary yet.').waitFor();
    await shot(page, 'person-03-editor-panel');
    expect(desk.pageErrors).toEqual([]);
  });

  it('lets a reviewer correct the profile on the contact page, field errors beside the field, and keeps it', async () => {
    explainFailure('corrections');
    await page.goto(`/contacts/${contactId}`);
    await page.getByRole('heading', { name: 'Hugo', exact: true }).waitFor();
    const panel = page.getByRole('region', { name: 'Who they are' });
    const interests = panel.getByRole('list', { name: 'Interests' });
    await interests.getByText('crowded beaches').waitFor();
    const corrections = page.getByRole('region', { name: 'Correct the profile' });

    // The contact page shows the same history, its approved reply marked.
    const history = page.getByRole('region', { name: 'Conversation' });
    const reply = history.getByTestId('approved-reply');
    await reply.getByText('Hiking sounds wonderful!', { exact: true }).waitFor();
    expect(await reply.locator('.reply-mark').textContent()).toContain(`by ${admin.reviewer.displayName}`);

    // An empty topic: the server's message shows under the field, and nothing changes.
    await corrections.getByRole('button', { name: 'Add interest' }).click();
    const topicField = corrections.locator('.field', { has: page.getByLabel('Add an interest') });
    await topicField.locator('.field-error', { hasText: 'must not be empty' }).waitFor();
    expect(await page.getByLabel('Add an interest').getAttribute('aria-invalid')).toBe('true');

    // Remove a wrong interest, pin a right one, add one, rewrite the summary (with markup, shown as text).
    await corrections.getByRole('button', { name: 'Remove crowded beaches' }).click();
    await corrections.getByRole('status').getByText('Removed crowded beaches.').waitFor();
    await expect.poll(() => interests.getByText('crowded beaches').count(), { timeout: WAIT }).toBe(0);

    await corrections.getByRole('button', { name: 'Pin hiking in the mountains' }).click();
    await corrections.getByRole('status').getByText('Pinned hiking in the mountains.').waitFor();
    const hiking = interests.getByRole('listitem').filter({ hasText: 'hiking in the mountains' });
    await hiking.getByText('pinned').waitFor();
    await hiking.getByText('100%').waitFor();

    await page.getByLabel('Add an interest').fill('Chess');
    await corrections.getByRole('button', { name: 'Add interest' }).click();
    await corrections.getByRole('status').getByText('Added Chess.').waitFor();
    await interests.getByRole('listitem').filter({ hasText: 'chess' }).waitFor();
    expect(await page.getByLabel('Add an interest').inputValue()).toBe('');

    const summary = `Hugo hikes and is planning a trail near Porto. ${XSS}`;
    await corrections.getByLabel('Summary', { exact: true }).fill(summary);
    await corrections.getByRole('button', { name: 'Save summary' }).click();
    await corrections.getByRole('status').getByText('Saved the summary.').waitFor();
    await panel.getByTestId('person-summary').getByText(summary, { exact: true }).waitFor();
    expect(await page.locator('main img, .page img').count()).toBe(0);
    expect(await pwned(page)).toBeUndefined();
    await shot(page, 'person-04-contact-corrected');

    // Still so after a reload, and in the draft editor.
    await page.reload();
    await panel.getByTestId('person-summary').getByText(summary, { exact: true }).waitFor();
    await interests.getByRole('listitem').filter({ hasText: 'chess' }).waitFor();
    await interests.getByRole('listitem').filter({ hasText: 'hiking in the mountains' }).getByText('pinned').waitFor();
    expect(await interests.getByText('crowded beaches').count()).toBe(0);
    await page.goto(`/drafts/${openDraft.id}`);
    await panel.getByTestId('person-summary').getByText(summary, { exact: true }).waitFor();
    await interests.getByRole('listitem').filter({ hasText: 'chess' }).waitFor();
    expect(await pwned(page)).toBeUndefined();
    expect(desk.pageErrors).toEqual([]);
  });
});
