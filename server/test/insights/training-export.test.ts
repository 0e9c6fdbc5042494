/**
 * The training data download: pseudonymised (no name, username, Telegram id or row id of a person anywhere,
 * placeholders instead), both formats, the filters, admins only, erased people never exported, and a body
 * that streams: read slowly, it still picks up a decision made after the download started.
 */
import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { EraseContactDocument, SandboxSendDocument } from '../../../client/src/gql/graphql.js';
import type { Core } from '../../src/core.js';
import { ApproveDraftMutation } from '../support/documents.js';
import { expectTypename, type TestClient } from '../support/graphql.js';
import { addReviewer, eventually, SECOND, useApp } from '../support/harness.js';

async function approved(
  core: Core,
  admin: TestClient,
  person: { telegramUserId: string; firstName: string; text: string },
  decision: { bubbles: string[]; editTags?: string[]; qualityScore?: number; notes?: string },
) {
  await admin.execute(SandboxSendDocument, { input: person });
  const draft = await eventually(
    () =>
      core.analytics.draft.findFirst({
        where: { contact: { telegramUserId: person.telegramUserId }, status: 'PENDING' },
      }),
    15_000,
    'a pending draft',
  );
  const result = await admin.execute(ApproveDraftMutation, { input: { draftId: draft.id, claim: true, ...decision } });
  expectTypename(result.data!.approveDraft, 'ApproveDraftSuccess');
  return draft;
}

/** The export as a node HTTP response, for tests that read the body at their own pace. */
function download(base: string, query: string, token?: string) {
  return new Promise<import('node:http').IncomingMessage>((resolve, reject) => {
    // A connection of its own: a kept-alive one may be closed by the server just as it is reused.
    const req = request(`${base}/export/training.jsonl${query}`, {
      agent: false,
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    req.on('response', resolve).on('error', reject).end();
  });
}

async function text(response: import('node:http').IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of response) body += chunk;
  return body;
}

const lines = (body: string) =>
  body
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('training data export', () => {
  const app = useApp('embedded', {}, addReviewer);
  const base = () => app.t.endpoint.url.replace(/\/graphql$/, '');

  it('is pseudonymised, in both formats, filtered, for admins only, and never holds an erased person', async () => {
    const { t, admin } = app;
    const core = t.app.core;
    const token = await t.login();
    const zeph = await approved(
      core,
      admin,
      { telegramUserId: '918273645501', firstName: 'Zephyrine Quillfeather', text: 'Hi, Zephyrine here (@zquill)' },
      {
        bubbles: ['Hello Zephyrine!', 'Nice to meet you, ZEPHYRINE QUILLFEATHER. Your id 918273645501 is noted.'],
        editTags: ['tone', 'greeting'],
        qualityScore: 5,
        notes: 'zephyrine asked about prices',
      },
    );
    await core.analytics.contact.update({ where: { id: zeph.contactId }, data: { username: 'zquill' } });
    const bart = await approved(
      core,
      admin,
      { telegramUserId: '918273645502', firstName: 'Bartholomew Oddsocks', text: 'Bartholomew again' },
      { bubbles: ['Hi Bartholomew'], editTags: ['tone'], qualityScore: 3 },
    );
    await approved(
      core,
      admin,
      { telegramUserId: '918273645503', firstName: 'Cy', text: 'Price?' },
      { bubbles: ['It is 10 euros.'], qualityScore: 2 },
    );

    const raw = await text(await download(base(), '?format=raw', token));
    const examples = lines(raw);
    expect(examples).toHaveLength(3);
    const needles = [
      'zephyrine',
      'quillfeather',
      'zquill',
      '918273645501',
      'bartholomew',
      'oddsocks',
      zeph.id,
      zeph.contactId,
      bart.id,
      bart.contactId,
    ];
    for (const needle of needles) expect(raw.toLowerCase()).not.toContain(needle.toLowerCase());
    const z = examples[0]!;
    expect(z).toMatchObject({
      inbound: 'Hi, {{firstName}} here ({{username}})',
      suggestion: expect.any(Array),
      final: ['Hello {{firstName}}!', 'Nice to meet you, {{displayName}}. Your id {{telegramId}} is noted.'],
      tags: ['tone', 'greeting'],
      score: 5,
      notes: '{{firstName}} asked about prices',
      persona: 'default',
      personaPrompt: expect.stringContaining('courteous assistant'),
      model: expect.stringContaining('offline'),
      context: { customerStatus: 'PROSPECT', profileSummary: expect.any(String), history: expect.any(Array) },
      editDistance: expect.any(Number),
    });
    expect(z.person).toMatch(/^[0-9a-f]{32}$/);
    expect(examples.map((e) => e.person)).toEqual([...new Set(examples.map((e) => e.person))]);
    // The same salt every time: a person keeps their pseudonym across downloads.
    const again = lines(await text(await download(base(), '', token)));
    expect(again.map((e) => e.person)).toEqual(examples.map((e) => e.person));

    const chat = await text(await download(base(), '?format=chat', token));
    for (const needle of needles) expect(chat.toLowerCase()).not.toContain(needle.toLowerCase());
    const first = lines(chat)[0] as { messages: Array<{ role: string; content: string }> };
    expect(first.messages[0]).toMatchObject({
      role: 'system',
      content: expect.stringContaining('Person: {{displayName}}'),
    });
    expect(first.messages.at(-2)).toEqual({ role: 'user', content: 'Hi, {{firstName}} here ({{username}})' });
    expect(first.messages.at(-1)).toEqual({
      role: 'assistant',
      content: 'Hello {{firstName}}!\n\nNice to meet you, {{displayName}}. Your id {{telegramId}} is noted.',
    });

    const count = async (query: string) => lines(await text(await download(base(), query, token))).length;
    expect(await count('?tags=tone')).toBe(2);
    expect(await count('?tags=tone,greeting')).toBe(1);
    expect(await count('?minScore=3')).toBe(2);
    expect(await count(`?from=${new Date(Date.now() + 86_400_000).toISOString().slice(0, 10)}`)).toBe(0);
    expect((await download(base(), '?format=csv', token)).statusCode).toBe(400);
    expect((await download(base(), '?minScore=9', token)).statusCode).toBe(400);
    expect((await download(base(), '')).statusCode).toBe(401);
    expect((await download(base(), '', await t.login(SECOND.email, SECOND.password))).statusCode).toBe(403);

    const bartPerson = examples[1]!.person;
    const erased = await admin.execute(EraseContactDocument, { id: bart.contactId });
    expectTypename(erased.data!.eraseContact, 'EraseContactSuccess');
    const after = lines(await text(await download(base(), '', token)));
    expect(after).toHaveLength(2);
    expect(after.map((e) => e.person)).not.toContain(bartPerson);
  });

  it('streams: a slow reader gets a chunked body that still includes a decision made while it read', async () => {
    const { t } = app;
    const core = t.app.core;
    const token = await t.login();
    const contact = await core.analytics.contact.create({
      data: { account: 'sandbox', telegramUserId: '5550001', displayName: 'Many Rows' },
    });
    const turn = (i: number) => ({ role: i % 2 ? 'assistant' : 'user', text: `turn ${i} `.padEnd(200, '.') });
    const context = {
      persona: { name: 'default', prompt: 'Be kind.' },
      contactName: 'Many Rows',
      customerStatus: 'PROSPECT',
      profileSummary: '',
      history: Array.from({ length: 20 }, (_, i) => turn(i)),
    };
    const started = Date.now() - 3_600_000;
    const rows = 3000;
    const ids = Array.from({ length: rows }, () => randomUUID());
    await core.analytics.draft.createMany({
      data: ids.map((id, i) => ({
        id,
        contactId: contact.id,
        status: 'APPROVED' as const,
        inboundText: `question ${i}`,
        bubbles: [`answer ${i}`],
        finalBubbles: [`answer ${i}`],
        editTags: ['bulk'],
        reviewedAt: new Date(started + i),
      })),
    });
    await core.analytics.draftContext.createMany({ data: ids.map((draftId) => ({ draftId, snapshot: context })) });

    const response = await download(base(), '?format=raw&tags=bulk', token);
    expect(response.statusCode).toBe(200);
    expect(response.headers['transfer-encoding']).toBe('chunked');
    expect(response.headers['content-type']).toMatch(/^application\/x-ndjson/);
    response.pause();
    // About 10 MB are on their way; far less fits in the socket's buffers. A decision made now comes last.
    await new Promise((r) => setTimeout(r, 300));
    await core.analytics.draft.create({
      data: {
        contactId: contact.id,
        status: 'APPROVED',
        inboundText: 'late question',
        bubbles: ['late answer'],
        finalBubbles: ['late answer'],
        editTags: ['bulk'],
        reviewedAt: new Date(),
        context: { create: { snapshot: context } },
      },
    });
    const body = await text(response);
    const all = body.split('\n').filter(Boolean);
    expect(all).toHaveLength(rows + 1);
    expect(JSON.parse(all.at(-1)!)).toMatchObject({ inbound: 'late question', final: ['late answer'] });
  });
});
