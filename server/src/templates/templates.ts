import { audit } from '../audit/audit.js';
import type { Core } from '../core.js';
import type { Reviewer } from '../db.js';
import { activePersona } from '../drafting/persona.js';
import { NotFoundError, UnknownTemplateVariableError, ValidationError } from '../errors.js';
import { isId, MAX_MESSAGE_LENGTH, requireText } from '../validate.js';

/** What a template's variables are filled from: the draft's person, the reviewer inserting it, the persona. */
export interface TemplateSubject {
  displayName: string;
  username: string | null;
  reviewerName: string;
  persona: string;
}

/** Every variable a template may use, what it becomes, and its description (README's table says the same). */
export const TEMPLATE_VARIABLES = {
  firstName: {
    description: "The person's first name: the first word of their Telegram name.",
    fill: (s: TemplateSubject) => words(s.displayName)[0] ?? '',
  },
  lastName: {
    description: "The rest of the person's Telegram name after the first word; empty for a one-word name.",
    fill: (s: TemplateSubject) => words(s.displayName).slice(1).join(' '),
  },
  displayName: {
    description: "The person's Telegram name as shown in the queue.",
    fill: (s: TemplateSubject) => s.displayName.trim(),
  },
  username: {
    description: "The person's Telegram username with its @; empty when they have none.",
    fill: (s: TemplateSubject) => (s.username ? `@${s.username.replace(/^@/, '')}` : ''),
  },
  reviewerName: {
    description: 'The display name of the reviewer inserting the template.',
    fill: (s: TemplateSubject) => s.reviewerName.trim(),
  },
  persona: {
    description: 'The name of the active persona ("default" when none is active).',
    fill: (s: TemplateSubject) => s.persona,
  },
} satisfies Record<string, { description: string; fill(subject: TemplateSubject): string }>;

export type TemplateVariable = keyof typeof TEMPLATE_VARIABLES;

const words = (text: string) => text.trim().split(/\s+/).filter(Boolean);

/** `{{name}}` or `{{name|fallback}}`: the fallback stands in when the value is empty. */
const PLACEHOLDER = /\{\{([^{}|]*)(?:\|([^{}]*))?\}\}/g;

const isVariable = (name: string): name is TemplateVariable => Object.hasOwn(TEMPLATE_VARIABLES, name);

/** The names inside `{{…}}` that are not template variables, in order of first use. */
export function unknownVariables(text: string): string[] {
  const unknown = new Set<string>();
  for (const match of text.matchAll(PLACEHOLDER)) {
    const name = match[1]!.trim();
    if (!isVariable(name)) unknown.add(name);
  }
  return [...unknown];
}

/** The template's text with every variable replaced by its value, or its fallback when the value is empty. */
export function fillTemplate(text: string, subject: TemplateSubject): string {
  return text.replace(PLACEHOLDER, (whole, rawName: string, fallback: string | undefined) => {
    const name = rawName.trim();
    if (!isVariable(name)) return whole;
    const value = TEMPLATE_VARIABLES[name].fill(subject);
    return value !== '' ? value : (fallback?.trim() ?? '');
  });
}

export interface SaveTemplate {
  id?: string | null;
  name: string;
  text: string;
}

/** Creates or edits a reply template (admins only, enforced by the API); audited. */
export async function saveTemplate(core: Pick<Core, 'analytics' | 'log'>, input: SaveTemplate, admin: Reviewer) {
  const name = requireText('name', input.name, 100, 'Name');
  const text = requireText('text', input.text, MAX_MESSAGE_LENGTH, 'Text');
  const unknown = unknownVariables(text);
  if (unknown.length > 0) throw new UnknownTemplateVariableError(unknown);
  if (input.id != null && !isId(input.id)) throw new NotFoundError('ReplyTemplate', input.id);
  const template = await core.analytics.$transaction(async (tx) => {
    const clash = await tx.replyTemplate.findUnique({ where: { name } });
    if (clash && clash.id !== input.id) throw new ValidationError('name', 'Another template already has this name');
    if (input.id && !(await tx.replyTemplate.findUnique({ where: { id: input.id } })))
      throw new NotFoundError('ReplyTemplate', input.id);
    const saved = input.id
      ? await tx.replyTemplate.update({ where: { id: input.id }, data: { name, text } })
      : await tx.replyTemplate.create({ data: { name, text } });
    await audit(tx, 'template.save', { actorId: admin.id, subjectId: saved.id, detail: { name, created: !input.id } });
    return saved;
  });
  core.log.info({ templateId: template.id }, 'reply template saved');
  return template;
}

/** Deletes a reply template; drafts it was inserted into keep their text. Audited. */
export async function deleteTemplate(core: Pick<Core, 'analytics' | 'log'>, id: string, admin: Reviewer) {
  if (!isId(id)) throw new NotFoundError('ReplyTemplate', id);
  await core.analytics.$transaction(async (tx) => {
    const template = await tx.replyTemplate.findUnique({ where: { id } });
    if (!template) throw new NotFoundError('ReplyTemplate', id);
    await tx.replyTemplate.delete({ where: { id } });
    await audit(tx, 'template.delete', { actorId: admin.id, subjectId: id, detail: { name: template.name } });
  });
  core.log.info({ templateId: id }, 'reply template deleted');
}

/** The values a draft's templates are filled with, for the reviewer inserting them; null without such a draft. */
export async function templateSubject(
  core: Core,
  draftId: string,
  reviewer: Reviewer,
): Promise<TemplateSubject | null> {
  if (!isId(draftId)) return null;
  const draft = await core.analytics.draft.findUnique({
    where: { id: draftId },
    select: { contact: { select: { displayName: true, username: true, account: true } } },
  });
  if (!draft) return null;
  const { account, ...contact } = draft.contact;
  // The persona of the account the person wrote to, as drafting uses.
  const persona = await activePersona(core, account);
  return { ...contact, reviewerName: reviewer.displayName, persona: persona.name };
}
