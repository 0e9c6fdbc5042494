import { audit } from '../audit/audit.js';
import type { Core } from '../core.js';
import type { AnalyticsTx, Reviewer } from '../db.js';
import { NotFoundError, ValidationError } from '../errors.js';
import { isId, requireText } from '../validate.js';

export const DEFAULT_PERSONA =
  'You are a courteous assistant replying on behalf of the business that operates this Telegram account. ' +
  'Be warm, brief and accurate; never invent prices, promises or personal details.';

/**
 * The persona drafting starts from: the persona of the Telegram account the person wrote to, else the active one,
 * else the default (named "default"). One query, as before accounts had personas (the account is in memory).
 */
export async function activePersona(core: Core, account?: string): Promise<{ name: string; prompt: string }> {
  const personaId = account ? (await core.accounts.get(account))?.personaId : null;
  const persona = personaId
    ? await core.analytics.persona.findUnique({ where: { id: personaId }, select: { name: true, prompt: true } })
    : null;
  return (
    persona ??
    (await core.analytics.persona.findFirst({ where: { active: true }, select: { name: true, prompt: true } })) ?? {
      name: 'default',
      prompt: DEFAULT_PERSONA,
    }
  );
}

export interface SavePersona {
  id?: string | null;
  name: string;
  prompt: string;
  active?: boolean | null;
}

/** Creates or edits a persona; making one active deactivates the others in the same transaction. */
export async function savePersona(core: Core, input: SavePersona, reviewer: Reviewer) {
  const name = requireText('name', input.name, 100, 'Name');
  const prompt = requireText('prompt', input.prompt, 8000, 'Prompt');
  if (input.id != null && !isId(input.id)) throw new NotFoundError('Persona', input.id);
  const persona = await core.analytics.$transaction(async (tx) => {
    const saved = await writePersona(tx, input.id ?? null, { name, prompt, active: input.active ?? null });
    await audit(tx, 'persona.save', {
      actorId: reviewer.id,
      subjectId: saved.id,
      detail: { name, active: saved.active, created: input.id == null },
    });
    return saved;
  });
  core.log.info({ personaId: persona.id, active: persona.active }, 'persona saved');
  return persona;
}

async function writePersona(
  tx: AnalyticsTx,
  id: string | null,
  { name, prompt, active }: { name: string; prompt: string; active: boolean | null },
) {
  const clash = await tx.persona.findUnique({ where: { name } });
  if (clash && clash.id !== id) throw new ValidationError('name', 'Another persona already has this name');
  if (active)
    await tx.persona.updateMany({ where: { active: true, NOT: { id: id ?? undefined } }, data: { active: false } });
  if (id) {
    const existing = await tx.persona.findUnique({ where: { id } });
    if (!existing) throw new NotFoundError('Persona', id);
    return tx.persona.update({ where: { id }, data: { name, prompt, ...(active != null ? { active } : {}) } });
  }
  return tx.persona.create({ data: { name, prompt, active: active ?? false } });
}
