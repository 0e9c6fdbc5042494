import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ApproveDraftDocument,
  ClaimDraftDocument,
  CreateReviewerDocument,
  DraftEditorDocument,
  RejectDraftDocument,
  ReleaseDraftDocument,
  ReviewQueueDocument,
  SandboxSendDocument,
} from '../src/gql/graphql';
import { Desk, haveChromium, pwned, type Session, SHOTS, WAIT, XSS } from './harness';

/** The palette of the decisions chart (InsightsPage.tsx), as canvas pixels. */
const APPROVED_RGB = [0x1d, 0x7a, 0x46];
const REJECTED_RGB = [0xb4, 0x23, 0x18];

let desk: Desk;
let context: BrowserContext;

/** The pending drafts of these Telegram users, once drafting has finished for every one of them. */
async function pendingDrafts(token: string, users: string[]): Promise<Map<string, string>> {
  const deadline = Date.now() + WAIT;
  for (;;) {
    const { reviewQueue } = await desk.gql(token, ReviewQueueDocument, { first: 50 });
    const found = new Map<string, string>();
    for (const { node } of reviewQueue.edges) {
      const draft = node as unknown as { id: string; status: string; contact: { telegramUserId: string } };
      if (draft.status === 'PENDING' && users.includes(draft.contact.telegramUserId))
        found.set(draft.contact.telegramUserId, draft.id);
    }
    if (found.size === users.length) return found;
    if (Date.now() > deadline) throw new Error(`drafts for ${users.join(', ')} did not arrive`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A page already signed in as `session` that records the Content Security Policy's violations. */
async function signedInPage(session: Session, label: string): Promise<Page> {
  const page = await desk.signedInPage(context, session, label);
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __violations: string[] }).__violations = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.effectiveDirective} ${e.blockedURI}`));
  });
  return page;
}

const violations = (page: Page) => page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);

/** How many pixels of a chart's canvas have this colour: proof that its bars or lines were drawn. */
function pixelsOf(page: Page, testId: string, rgb: number[]): Promise<number> {
  return page.evaluate(
    ({ testId, rgb }) => {
      const canvas = document.querySelector<HTMLCanvasElement>(`[data-testid="${testId}"] canvas`);
      const ctx = canvas?.getContext('2d');
      if (!canvas || !ctx || canvas.width === 0) return 0;
      const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
      let n = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (
          Math.abs((data[i] ?? 0) - (rgb[0] ?? 0)) < 8 &&
          Math.abs((data[i + 1] ?? 0) - (rgb[1] ?? 0)) < 8 &&
          Math.abs((data[i + 2] ?? 0) - (rgb[2] ?? 0)) < 8 &&
          (data[i + 3] ?? 0) > 200
        )
          n++;
      }
      return n;
    },
    { testId, rgb },
  );
}

/** Hovers a chart over its last day (today) and returns the tooltip's lines. */
async function tooltipOfLastDay(page: Page, testId: string, days: number): Promise<string> {
  const over = page.locator(`[data-testid="${testId}"] .u-over`);
  await over.scrollIntoViewIfNeeded();
  const box = await over.boundingBox();
  if (!box) throw new Error(`${testId} has no plot area`);
  // Days sit at 0 … n-1 on a scale from -0.5 to n-0.5.
  await page.mouse.move(box.x + (box.width * (days - 0.5)) / days, box.y + box.height / 2);
  const tip = page.locator(`[data-testid="${testId}"] .chart-tip`);
  await tip.waitFor();
  return (await tip.locator(':scope > *').allInnerTexts()).join(' ');
}

describe.skipIf(!haveChromium)('Insights, the audit log and the queue wait, in a real browser', () => {
  let admin: Session;
  let rita: Session;

  beforeAll(async () => {
    desk = await Desk.open();
    context = await desk.context({ acceptDownloads: true });

    // Today's work: the admin approves one draft as suggested and one edited (a new customer paying 120.50);
    // a reviewer whose name is markup rejects one, with markup as the note.
    admin = await desk.signInAdmin();
    const created = await desk.gql(admin.token, CreateReviewerDocument, {
      input: { email: 'rita@example.com', displayName: XSS, password: 'rita-password-1', role: 'REVIEWER' },
    });
    expect(created.createReviewer.__typename).toBe('CreateReviewerSuccess');
    rita = await desk.signIn('rita@example.com', 'rita-password-1');
    const people = [
      ['81000001', 'Ana', 'Do you ship to Lisbon?'],
      ['81000002', 'Bruno', 'What does the large box cost?'],
      ['81000003', 'Carla', 'Hello?'],
    ] as const;
    for (const [telegramUserId, firstName, text] of people) {
      const sent = await desk.gql(admin.token, SandboxSendDocument, { input: { telegramUserId, firstName, text } });
      expect(sent.sandboxSend.__typename).toBe('SandboxSendSuccess');
    }
    const drafts = await pendingDrafts(
      admin.token,
      people.map(([id]) => id),
    );
    const draft = (user: string) => drafts.get(user) ?? '';

    // Claims and releases fill the audit log past one page of 50.
    for (let i = 0; i < 26; i++) {
      expect((await desk.gql(admin.token, ClaimDraftDocument, { id: draft('81000003') })).claimDraft.__typename).toBe(
        'ClaimDraftSuccess',
      );
      await desk.gql(admin.token, ReleaseDraftDocument, { id: draft('81000003') });
    }

    const claimed = await desk.gql(admin.token, ClaimDraftDocument, { id: draft('81000001') });
    expect(claimed.claimDraft.__typename).toBe('ClaimDraftSuccess');
    // The editor's document selects the suggestion through a fragment: there at run time, masked in the type.
    const editor = await desk.gql(admin.token, DraftEditorDocument, { id: draft('81000001') });
    const suggestion = (editor.draft as unknown as { bubbles: string[] }).bubbles;
    expect(suggestion.length).toBeGreaterThan(0);
    const asSuggested = await desk.gql(admin.token, ApproveDraftDocument, {
      input: { draftId: draft('81000001'), bubbles: suggestion, qualityScore: 5 },
    });
    expect(asSuggested.approveDraft.__typename).toBe('ApproveDraftSuccess');
    const edited = await desk.gql(admin.token, ApproveDraftDocument, {
      input: {
        draftId: draft('81000002'),
        claim: true,
        bubbles: ['Hi Bruno, the large box is 120.50.'],
        customerStatus: 'CUSTOMER',
        ltvAmount: '120.50',
        editTags: ['price'],
        qualityScore: 4,
      },
    });
    expect(edited.approveDraft.__typename).toBe('ApproveDraftSuccess');
    const rejected = await desk.gql(rita.token, RejectDraftDocument, {
      input: { draftId: draft('81000003'), claim: true, notes: XSS },
    });
    expect(rejected.rejectDraft.__typename).toBe('RejectDraftSuccess');
  });

  afterAll(async () => {
    await desk?.close();
  });

  const explainFailure = (name: string) => desk.explainFailure(name);

  it('draws the charts with labelled axes and tooltips, says what to do where there is nothing, and downloads CSV', async () => {
    explainFailure('insights');
    const page = await signedInPage(admin, 'insights');
    await page.goto('/');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Insights' }).click();
    await page.getByRole('heading', { name: 'Insights', level: 1 }).waitFor();
    await page.getByRole('button', { name: '7 days' }).click();
    await page.waitForURL(/\/insights\?days=7$/);

    const decisions = page.getByTestId('chart-decisions');
    await decisions.locator('canvas').waitFor();
    expect(await decisions.locator('.chart-axis-y').textContent()).toBe('Drafts');
    expect(await decisions.locator('.chart-axis-x').textContent()).toBe('Day (UTC)');
    expect(await decisions.locator('.u-legend').textContent()).toMatch(/Approved[\s\S]*Rejected/);
    await expect.poll(() => pixelsOf(page, 'chart-decisions', APPROVED_RGB)).toBeGreaterThan(50);
    expect(await pixelsOf(page, 'chart-decisions', REJECTED_RGB)).toBeGreaterThan(50);
    expect(await tooltipOfLastDay(page, 'chart-decisions', 7)).toMatch(
      /Approved: 2 approved Rejected: 1 rejected Approval rate: 66\.7%/,
    );
    await decisions.screenshot({ path: path.join(SHOTS, '20-insights-tooltip.png') });

    // One of the two approvals was edited.
    const edits = page.getByTestId('chart-edits');
    await edits.locator('canvas').waitFor();
    expect(await edits.locator('.chart-axis-y').textContent()).toBe('Share of approved drafts (%)');
    expect(await tooltipOfLastDay(page, 'chart-edits', 7)).toContain('Edited share: 50%');

    const times = page.getByTestId('chart-times');
    await times.locator('canvas').waitFor();
    expect(await times.locator('.chart-axis-y').textContent()).toMatch(/^(Seconds|Minutes|Hours)$/);
    expect(await tooltipOfLastDay(page, 'chart-times', 7)).toMatch(/Median review: \d+ s .*Median wait: \d+/);

    const ltv = page.getByTestId('chart-ltv');
    await ltv.locator('canvas').waitFor();
    expect(await ltv.locator('.chart-axis-y').textContent()).toBe('LTV (amount)');
    expect(await tooltipOfLastDay(page, 'chart-ltv', 7)).toMatch(/Added that day: 120\.50 .*New customers: 1/);

    // The offline drafter calls no model: the cost chart says so and how to get one, instead of an empty frame.
    const cost = page.getByTestId('chart-cost');
    await cost.getByTestId('chart-cost-empty').getByText('OPENAI_BASE_URL', { exact: false }).waitFor();
    expect(await cost.locator('canvas').count()).toBe(0);

    const funnel = page.getByTestId('chart-funnel');
    const bars = funnel.getByRole('list', { name: 'Contacts per status' });
    expect((await bars.getByRole('listitem').allInnerTexts()).map((t) => t.replace(/\s+/g, ' '))).toEqual([
      'Prospect 2 contacts',
      'Qualified lead 0 contacts',
      'Customer 1 contacts',
      'Churned 0 contacts',
      'Lead exhausted 0 contacts',
    ]);
    const moves = funnel.getByRole('table', { name: 'Status changes in these days' });
    expect(await moves.getByRole('row').nth(1).getByRole('cell').allInnerTexts()).toEqual([
      'Prospect',
      '→ Customer',
      '1',
      '0',
    ]);

    const tiles = page.getByRole('definition');
    await page.locator('.tile', { hasText: 'Approval rate' }).getByText('66.7%').waitFor();
    expect(await tiles.count()).toBeGreaterThan(8);

    // Per reviewer: the markup in Rita's name is her name, as text.
    const table = page.getByRole('table', { name: 'Per reviewer' });
    const rows = table.getByRole('row');
    expect(await rows.count()).toBe(3);
    expect(await rows.nth(2).getByRole('rowheader').textContent()).toBe(XSS);
    expect(await rows.nth(1).getByRole('cell').nth(0).textContent()).toBe('2');
    expect(await table.locator('img').count()).toBe(0);
    expect(await pwned(page)).toBeUndefined();

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download per reviewer as CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^countersign-reviewers-\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = (await readFile(await download.path(), 'utf8'))
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(csv[0]).toBe(
      'reviewer,email,decided,approved,rejected,approval_rate,edited_share,mean_edit_distance,' +
        'median_review_seconds,p90_review_seconds,median_wait_seconds,llm_cost_usd',
    );
    expect(csv).toHaveLength(3);
    expect(csv[1]).toMatch(/^Admin[^,]*,admin@example\.com,2,2,0,1,0\.5,/);
    expect(csv[2]).toMatch(/^"<img src=x onerror=""window\.__pwned=1"">",rita@example\.com,1,0,1,0,,/);

    // Another range asks again and draws again.
    await page.getByRole('button', { name: '30 days' }).click();
    await page.waitForURL(/\?days=30$/);
    await expect.poll(() => pixelsOf(page, 'chart-decisions', APPROVED_RGB)).toBeGreaterThan(10);
    await page.getByRole('button', { name: 'Custom' }).click();
    await page.getByLabel('From', { exact: true }).fill('2026-02-01');
    await page.getByLabel('to', { exact: true }).fill('2026-01-01');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.getByText('The first day must not be after the last.').waitFor();

    await page.getByRole('button', { name: '7 days' }).click();
    await decisions.locator('canvas').waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(SHOTS, '20-insights.png'), fullPage: true });
    expect(await violations(page)).toEqual([]);
    expect(desk.pageErrors).toEqual([]);
  });

  it('downloads the training data with the bearer token, pseudonymised', async () => {
    explainFailure('export');
    const page = await signedInPage(admin, 'export');
    await page.goto('/insights?days=7');
    const panel = page.getByTestId('training-export');
    await panel.getByLabel('Format').selectOption('raw');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      panel.getByRole('button', { name: 'Download JSONL' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('training-raw.jsonl');
    const lines = (await readFile(await download.path(), 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(2);
    const text = lines.join('\n');
    // Bruno and his Telegram id appear only as placeholders.
    expect(text).toContain('Hi {{displayName}}, the large box is 120.50.');
    expect(text).not.toContain('Bruno');
    expect(text).not.toContain('81000002');
    await panel.getByText('Saved training-raw.jsonl: 2 examples.').waitFor();

    // Filters reach the server: only the edited decision has the tag.
    await panel.getByLabel('With every tag').fill('price');
    await panel.getByLabel('Format').selectOption('chat');
    const [tagged] = await Promise.all([
      page.waitForEvent('download'),
      panel.getByRole('button', { name: 'Download JSONL' }).click(),
    ]);
    const chat = (await readFile(await tagged.path(), 'utf8')).trim().split('\n');
    expect(chat).toHaveLength(1);
    const example = JSON.parse(chat[0] ?? '{}') as { messages: Array<{ role: string; content: string }> };
    expect(example.messages.at(-1)?.role).toBe('assistant');
    expect(example.messages.at(-1)?.content).toMatch(
      /^Hi \{\{(displayName|firstName)\}\}, the large box is 120\.50\.$/,
    );

    await panel.getByLabel('Quality score at least').selectOption('5');
    await panel.getByRole('button', { name: 'Download JSONL' }).click();
    await panel.getByText('No approved decisions match these filters', { exact: false }).waitFor();
    expect(desk.pageErrors).toEqual([]);
  });

  it('lists the audit log for admins, newest first, filtered and paged', async () => {
    explainFailure('audit');
    const page = await signedInPage(admin, 'audit');
    await page.goto('/');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit log' }).click();
    await page.getByRole('heading', { name: 'Audit log' }).waitFor();
    const table = page.getByRole('table', { name: 'Audit entries' });
    const rows = table.locator('tbody tr');
    await rows.first().waitFor();
    // The two exports of the test before are the newest entries.
    expect(await rows.first().getAttribute('data-action')).toBe('export.training');
    expect(await rows.count()).toBe(50);
    await page.getByRole('button', { name: 'Load more' }).click();
    await expect.poll(() => rows.count()).toBeGreaterThan(50);
    const actions = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-action')));
    for (const action of ['draft.approve', 'draft.reject', 'funnel.status', 'funnel.payment', 'reviewer.create'])
      expect(actions).toContain(action);

    // Rita's rejection: her name and her note are text.
    await page.getByLabel('Action').selectOption('draft.reject');
    await expect.poll(() => rows.count()).toBe(1);
    const rejection = rows.first();
    expect(await rejection.getByRole('cell').nth(1).textContent()).toBe(XSS);
    expect(await rejection.locator('.audit-detail dd').textContent()).toBe(XSS);
    expect(await table.locator('img').count()).toBe(0);
    expect(await pwned(page)).toBeUndefined();
    await rejection.getByRole('link', { name: /^Draft / }).waitFor();

    // A family, one actor, and days with nothing in them.
    await page.getByLabel('Action').selectOption('draft.');
    await page.getByLabel('Who').selectOption({ label: `${XSS} (rita@example.com)` });
    await expect
      .poll(() => rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-action'))))
      .toEqual(['draft.reject']);
    await page.getByLabel('Who').selectOption('');
    await page.getByLabel('Action').selectOption('draft.approve');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.first().textContent()).toContain('editDistance');
    await page.getByLabel('From', { exact: true }).fill('2020-01-01');
    await page.getByLabel('To (included)').fill('2020-01-31');
    await page.getByText('No entries match these filters.').waitFor();
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(50);
    expect(await page.getByLabel('Action').inputValue()).toBe('');
    await page.screenshot({ path: path.join(SHOTS, '21-audit-log.png'), fullPage: true });
    expect(await violations(page)).toEqual([]);
    expect(desk.pageErrors).toEqual([]);
  });

  it('shows each card its wait and the queue the median wait of the last hour', async () => {
    explainFailure('queue-wait');
    await desk.gql(admin.token, SandboxSendDocument, {
      input: { telegramUserId: '81000004', firstName: 'Dora', text: 'Hi' },
    });
    await pendingDrafts(admin.token, ['81000004']);
    const page = await signedInPage(rita, 'queue');
    await page.goto('/');
    const card = page.locator('.queue-item', { hasText: 'Dora' });
    await card.getByTestId('queue-wait').getByText('Waiting under 1 min').waitFor();
    // The three drafts decided in the beforeAll were claimed in the last hour.
    await page
      .getByTestId('queue-median-wait')
      .getByText(/^Median wait, last hour: \d+ s$/)
      .waitFor();
    // Rita is a reviewer: Insights is hers too, the audit log is not.
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Insights' }).waitFor();
    expect(await nav.getByRole('link', { name: 'Audit log' }).count()).toBe(0);
    expect(desk.pageErrors).toEqual([]);
  });
});
