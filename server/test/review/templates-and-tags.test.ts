import { beforeAll, describe, expect, it } from 'vitest';
import {
  DeleteTemplateDocument,
  EditTagSuggestionsDocument,
  EditTagsAdminDocument,
  ReplyTemplatesDocument,
  RetireEditTagDocument,
  SaveEditTagDocument,
  SaveTemplateDocument,
  TemplatesAdminDocument,
} from '../../../client/src/gql/graphql.js';
import { createReviewer } from '../../src/auth/auth.js';
import { sandboxSend } from '../../src/intake/sandbox.js';
import { fillTemplate, unknownVariables } from '../../src/templates/templates.js';
import { expectTypename, type TestClient } from '../support/graphql.js';
import { ADMIN, eventually, type TestApp, useApp } from '../support/harness.js';

const auditOf = (t: TestApp, action: string) =>
  t.app.core.analytics.auditEntry.findMany({
    where: { action },
    orderBy: { createdAt: 'asc' },
    select: { reviewerId: true, subjectId: true, detail: true },
  });

describe('template variables', () => {
  const subject = { displayName: 'Ana Maria Lopez', username: 'ana_l', reviewerName: 'Sam', persona: 'Shop' };

  it('fills every variable, with a fallback only where the value is empty', () => {
    expect(
      fillTemplate(
        'Hi {{firstName}} {{ lastName }} ({{displayName}}, {{username}}) — {{reviewerName}} at {{persona}}',
        subject,
      ),
    ).toBe('Hi Ana Maria Lopez (Ana Maria Lopez, @ana_l) — Sam at Shop');
    const nameless = { ...subject, displayName: '  ', username: null };
    expect(fillTemplate('Hi {{firstName|there}}{{username}}!', nameless)).toBe('Hi there!');
    expect(fillTemplate('Hi {{firstName|there}}', subject)).toBe('Hi Ana');
    expect(fillTemplate('{{lastName|-}}', { ...subject, displayName: 'Ana' })).toBe('-');
    expect(fillTemplate('Unclosed {{firstName and {single}', subject)).toBe('Unclosed {{firstName and {single}');
  });

  it('names the unknown ones once each, in order', () => {
    expect(unknownVariables('{{firstname}} {{ price }} {{firstName}} {{price|0}} {{}}')).toEqual([
      'firstname',
      'price',
      '',
    ]);
  });
});

describe('reply templates and edit tags through the API', () => {
  const app = useApp('embedded');
  let reviewer: TestClient;
  let viewer: TestClient;
  let adminId: string;

  beforeAll(async () => {
    const db = app.t.app.core.analytics;
    adminId = (await db.reviewer.findUniqueOrThrow({ where: { email: ADMIN.email } })).id;
    await createReviewer(db, {
      email: 'rev@example.com',
      password: 'rev-password',
      displayName: 'Rae',
      role: 'REVIEWER',
    });
    await createReviewer(db, {
      email: 'view@example.com',
      password: 'view-password',
      displayName: 'Vi',
      role: 'VIEWER',
    });
    reviewer = app.t.as(await app.t.login('rev@example.com', 'rev-password'));
    viewer = app.t.as(await app.t.login('view@example.com', 'view-password'));
  });

  it('admins save templates with checked variables; reviewers read them filled for a draft', async () => {
    const save = (input: { id?: string; name: string; text: string }, as = app.admin) =>
      as.execute(SaveTemplateDocument, { input });
    const created = expectTypename(
      (await save({ name: 'Greeting', text: 'Hi {{firstName|there}}, {{reviewerName}} here.' })).data!.saveTemplate,
      'SaveTemplateSuccess',
    ).template;
    expect(created).toMatchObject({ name: 'Greeting', text: 'Hi {{firstName|there}}, {{reviewerName}} here.' });

    const unknown = (await save({ name: 'Price', text: 'It costs {{price}} for {{firstname}} {{price}}' })).data!
      .saveTemplate;
    expect(unknown).toEqual({
      __typename: 'UnknownTemplateVariableError',
      field: 'text',
      variables: ['price', 'firstname'],
      message: 'Unknown template variables: {{price}}, {{firstname}}',
    });
    expect((await save({ name: '  ', text: 'x' })).data!.saveTemplate).toMatchObject({ field: 'name' });
    expect((await save({ name: 'Long', text: 'x'.repeat(4097) })).data!.saveTemplate).toMatchObject({ field: 'text' });
    expect((await save({ name: 'Greeting', text: 'again' })).data!.saveTemplate).toMatchObject({
      __typename: 'ValidationError',
      field: 'name',
    });
    expect((await save({ id: crypto.randomUUID(), name: 'Ghost', text: 'x' })).data!.saveTemplate.__typename).toBe(
      'NotFoundError',
    );
    const edited = (
      await save({ id: created.id, name: 'Greeting', text: 'Hello {{firstName|there}} — {{reviewerName}}' })
    ).data!.saveTemplate;
    expect(edited).toMatchObject({ __typename: 'SaveTemplateSuccess' });
    const refused = await save({ name: 'Mine', text: 'x' }, reviewer);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    await sandboxSend(app.t.app.core, { telegramUserId: '7001', text: 'hello?', firstName: 'Ana Maria' });
    const draft = await eventually(
      () =>
        app.t.app.core.analytics.draft.findFirst({ where: { contact: { telegramUserId: '7001' }, status: 'PENDING' } }),
      15_000,
      'a pending draft',
    );
    const read = (await reviewer.execute(ReplyTemplatesDocument, { draftId: draft.id })).data!.templates;
    expect(read).toEqual([
      { __typename: 'ReplyTemplate', id: created.id, name: 'Greeting', filled: 'Hello Ana — Rae' },
    ]);
    const unfilled = (await reviewer.execute(ReplyTemplatesDocument, { draftId: crypto.randomUUID() })).data!.templates;
    expect(unfilled).toEqual([{ __typename: 'ReplyTemplate', id: created.id, name: 'Greeting', filled: null }]);
    expect((await viewer.execute(ReplyTemplatesDocument, { draftId: draft.id })).errors?.[0]?.extensions?.code).toBe(
      'FORBIDDEN',
    );
    const admin = (await app.admin.execute(TemplatesAdminDocument)).data!;
    expect(admin.templateVariables.map((v) => v.name)).toEqual([
      'firstName',
      'lastName',
      'displayName',
      'username',
      'reviewerName',
      'persona',
    ]);

    expect((await reviewer.execute(DeleteTemplateDocument, { id: created.id })).errors?.[0]?.extensions?.code).toBe(
      'FORBIDDEN',
    );
    expect((await app.admin.execute(DeleteTemplateDocument, { id: created.id })).data!.deleteTemplate).toEqual({
      __typename: 'DeleteTemplateSuccess',
      id: created.id,
    });
    expect((await app.admin.execute(DeleteTemplateDocument, { id: created.id })).data!.deleteTemplate.__typename).toBe(
      'NotFoundError',
    );
    expect((await app.admin.execute(TemplatesAdminDocument)).data!.templates).toEqual([]);
    expect(await auditOf(app.t, 'template.save')).toEqual([
      { reviewerId: adminId, subjectId: created.id, detail: { name: 'Greeting', created: true } },
      { reviewerId: adminId, subjectId: created.id, detail: { name: 'Greeting', created: false } },
    ]);
    expect(await auditOf(app.t, 'template.delete')).toEqual([
      { reviewerId: adminId, subjectId: created.id, detail: { name: 'Greeting' } },
    ]);
  });

  it('admins manage edit tags: a rename rewrites drafts, a retired tag is no longer suggested', async () => {
    const suggested = async () =>
      (await reviewer.execute(EditTagSuggestionsDocument)).data!.editTags.map((t) => t.name);
    // The tags the editor suggested before the list was managed come with the migration.
    expect(await suggested()).toEqual(['facts', 'length', 'personal touch', 'rewrite', 'tone', 'typo']);

    const save = (input: { id?: string; name: string; color: string }, as = app.admin) =>
      as.execute(SaveEditTagDocument, { input });
    const empathy = expectTypename(
      (await save({ name: 'empathy', color: '#D53F8C' })).data!.saveEditTag,
      'SaveEditTagSuccess',
    ).tag;
    expect(empathy).toMatchObject({ name: 'empathy', color: '#D53F8C', retired: false });
    expect((await save({ name: 'bad colour', color: 'pink' })).data!.saveEditTag).toMatchObject({ field: 'color' });
    expect((await save({ name: 'a,b', color: '#000000' })).data!.saveEditTag).toMatchObject({ field: 'name' });
    expect((await save({ name: 'tone', color: '#000000' })).data!.saveEditTag).toMatchObject({ field: 'name' });
    expect((await save({ name: 'x'.repeat(51), color: '#000000' })).data!.saveEditTag).toMatchObject({ field: 'name' });
    expect((await save({ name: 'mine', color: '#000000' }, reviewer)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    // Two approved drafts carry the old name (one with the new name already); a rename rewrites both.
    const db = app.t.app.core.analytics;
    await sandboxSend(app.t.app.core, { telegramUserId: '7002', text: 'one' });
    await sandboxSend(app.t.app.core, { telegramUserId: '7003', text: 'two' });
    const drafts = await eventually(async () => {
      const found = await db.draft.findMany({
        where: { contact: { telegramUserId: { in: ['7002', '7003'] } }, status: 'PENDING' },
      });
      return found.length === 2 ? found : null;
    }, 15_000);
    await db.draft.update({ where: { id: drafts[0]!.id }, data: { editTags: ['empathy', 'tone'] } });
    await db.draft.update({ where: { id: drafts[1]!.id }, data: { editTags: ['empathy', 'warmth'] } });
    const renamed = (await save({ id: empathy.id, name: 'warmth', color: '#D53F8C' })).data!.saveEditTag;
    expect(renamed).toMatchObject({ __typename: 'SaveEditTagSuccess', tag: { id: empathy.id, name: 'warmth' } });
    const tagsOf = async (id: string) => (await db.draft.findUniqueOrThrow({ where: { id } })).editTags;
    expect(await tagsOf(drafts[0]!.id)).toEqual(['warmth', 'tone']);
    expect(await tagsOf(drafts[1]!.id)).toEqual(['warmth']);

    const retired = (await app.admin.execute(RetireEditTagDocument, { id: empathy.id })).data!.retireEditTag;
    expect(retired).toMatchObject({ __typename: 'RetireEditTagSuccess', tag: { retired: true } });
    expect(await suggested()).not.toContain('warmth');
    expect(
      (await app.admin.execute(EditTagsAdminDocument)).data!.editTags.find((t) => t.id === empathy.id),
    ).toMatchObject({ name: 'warmth', retired: true });
    // Drafts keep a retired tag.
    expect(await tagsOf(drafts[1]!.id)).toEqual(['warmth']);
    await app.admin.execute(RetireEditTagDocument, { id: empathy.id, retired: false });
    expect(await suggested()).toContain('warmth');
    expect(
      (await app.admin.execute(RetireEditTagDocument, { id: crypto.randomUUID() })).data!.retireEditTag.__typename,
    ).toBe('NotFoundError');

    expect(await auditOf(app.t, 'tag.save')).toEqual([
      {
        reviewerId: adminId,
        subjectId: empathy.id,
        detail: { name: 'empathy', color: '#D53F8C', created: true, renamedFrom: null, drafts: 0 },
      },
      {
        reviewerId: adminId,
        subjectId: empathy.id,
        detail: { name: 'warmth', color: '#D53F8C', created: false, renamedFrom: 'empathy', drafts: 2 },
      },
    ]);
    expect((await auditOf(app.t, 'tag.retire')).map((e) => e.detail)).toEqual([
      { name: 'warmth', retired: true },
      { name: 'warmth', retired: false },
    ]);
  });
});
