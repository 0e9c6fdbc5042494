import type { Core } from '../core.js';
import type { Prisma } from '../db.js';
import type { DraftContext } from '../drafting/prompt.js';
import { draftMessages } from '../drafting/prompt.js';
import { ValidationError } from '../errors.js';
import { nameScrubber, pseudonym, pseudonymSalt } from './pseudonym.js';

export type ExportFormat = 'raw' | 'chat';

export interface ExportOptions {
  format: ExportFormat;
  /** Decided at or after, inclusive. */
  from: Date | null;
  /** Decided before, exclusive. */
  to: Date | null;
  /** Every one of these edit tags. */
  tags: string[];
  /** Quality score at least this (drafts without a score are left out). */
  minScore: number | null;
}

/** Rows read per query: the export holds at most one page in memory, whatever its size. */
export const EXPORT_PAGE_SIZE = 200;

function date(params: URLSearchParams, name: string): Date | null {
  const value = params.get(name);
  if (value === null || value === '') return null;
  const parsed = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(parsed.getTime()))
    throw new ValidationError(name, `${name} must be a date (2026-12-01) or a date-time (2026-12-01T10:00:00Z)`);
  return parsed;
}

/** Reads the query string of GET /export/training.jsonl; a bad value is a ValidationError naming it. */
export function parseExportQuery(params: URLSearchParams): ExportOptions {
  const format = params.get('format') ?? 'raw';
  if (format !== 'raw' && format !== 'chat') throw new ValidationError('format', 'format must be raw or chat');
  const tags = params
    .getAll('tags')
    .flatMap((t) => t.split(','))
    .map((t) => t.trim())
    .filter(Boolean);
  if (tags.length > 20) throw new ValidationError('tags', 'At most 20 tags');
  const score = params.get('minScore');
  const minScore = score === null || score === '' ? null : Number(score);
  if (minScore !== null && (!Number.isInteger(minScore) || minScore < 1 || minScore > 5))
    throw new ValidationError('minScore', 'minScore must be a whole number from 1 to 5');
  return { format, from: date(params, 'from'), to: date(params, 'to'), tags, minScore };
}

const PAGE_SELECT = {
  id: true,
  reviewedAt: true,
  inboundText: true,
  bubbles: true,
  finalBubbles: true,
  editTags: true,
  qualityScore: true,
  notes: true,
  drafter: true,
  editDistance: true,
  context: { select: { snapshot: true } },
  contact: { select: { id: true, displayName: true, username: true, telegramUserId: true } },
} satisfies Prisma.DraftSelect;

type Decision = Prisma.DraftGetPayload<{ select: typeof PAGE_SELECT }>;

/** One approved decision as a line of JSON, with the person pseudonymised (see nameScrubber). */
function exampleLine(decision: Decision, format: ExportFormat, salt: string): string | null {
  const context = (decision.context?.snapshot ?? null) as unknown as DraftContext | null;
  const { contact } = decision;
  const scrub = nameScrubber({
    displayName: contact.displayName,
    username: contact.username,
    telegramUserId: contact.telegramUserId,
    others: context ? [context.contactName] : [],
  });
  const history = (context?.history ?? []).map((turn) => ({ role: turn.role, text: scrub(turn.text) }));
  if (format === 'chat') {
    // Without what the model was shown, an example would teach the wrong thing.
    if (!context) return null;
    const messages = draftMessages({
      persona: context.persona.prompt,
      contactName: '{{displayName}}',
      customerStatus: context.customerStatus,
      profileSummary: scrub(context.profileSummary),
      history: history.map((turn) => ({ role: turn.role, text: turn.text })),
      inbound: scrub(decision.inboundText),
    });
    return `${JSON.stringify({
      messages: [...messages, { role: 'assistant', content: decision.finalBubbles.map(scrub).join('\n\n') }],
    })}\n`;
  }
  return `${JSON.stringify({
    id: pseudonym(salt, 'draft', decision.id),
    person: pseudonym(salt, 'person', contact.id),
    decidedAt: decision.reviewedAt?.toISOString() ?? null,
    persona: context?.persona.name ?? null,
    personaPrompt: context?.persona.prompt ?? null,
    model: decision.drafter,
    context: context
      ? { customerStatus: context.customerStatus, profileSummary: scrub(context.profileSummary), history }
      : null,
    inbound: scrub(decision.inboundText),
    suggestion: decision.bubbles.map(scrub),
    final: decision.finalBubbles.map(scrub),
    editDistance: decision.editDistance,
    tags: decision.editTags,
    score: decision.qualityScore,
    notes: decision.notes === null ? null : scrub(decision.notes),
  })}\n`;
}

/**
 * The approved decisions matching `options`, oldest decision first, as JSON lines. It reads them page by page
 * (keyset on decision time and id, so nothing is skipped or repeated), only as fast as the caller consumes
 * lines: a slow download holds one page. Erased people are gone from the database, so they are never read.
 */
export async function* trainingLines(core: Core, options: ExportOptions): AsyncGenerator<string> {
  const salt = await pseudonymSalt(core);
  const where: Prisma.DraftWhereInput = {
    status: 'APPROVED',
    reviewedAt: {
      not: null,
      ...(options.from ? { gte: options.from } : {}),
      ...(options.to ? { lt: options.to } : {}),
    },
    ...(options.tags.length > 0 ? { editTags: { hasEvery: options.tags } } : {}),
    ...(options.minScore !== null ? { qualityScore: { gte: options.minScore } } : {}),
  };
  let after: { reviewedAt: Date; id: string } | null = null;
  for (;;) {
    const page: Decision[] = await core.analytics.draft.findMany({
      select: PAGE_SELECT,
      where: after
        ? {
            AND: [
              where,
              {
                OR: [{ reviewedAt: { gt: after.reviewedAt } }, { reviewedAt: after.reviewedAt, id: { gt: after.id } }],
              },
            ],
          }
        : where,
      orderBy: [{ reviewedAt: 'asc' }, { id: 'asc' }],
      take: EXPORT_PAGE_SIZE,
    });
    for (const decision of page) {
      const line = exampleLine(decision, options.format, salt);
      if (line) yield line;
    }
    const last = page.at(-1);
    if (!last?.reviewedAt || page.length < EXPORT_PAGE_SIZE) return;
    after = { reviewedAt: last.reviewedAt, id: last.id };
  }
}
