import type { Core } from '../core.js';
import type { Reviewer } from '../db.js';
import { NotFoundError, ValidationError } from '../errors.js';
import { isId, requireText } from '../validate.js';

export const DEFAULT_PERSONA =
  'You are a courteous assistant replying on behalf of the business that operates this Telegram account. ' +
  'Be warm, brief and accurate; never invent prices, promises or personal details.';

/** The prompt drafting starts from: the active persona, or the default when none is set. */
export async function activePersonaPrompt(core: Core): Promise<string> {
  const persona = await core.analytics.persona.findFirst({ where: { active: true }, select: { prompt: true } });
  return persona?.prompt ?? DEFAULT_PERSONA;
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
    const clash = await tx.persona.findUnique({ where: { name } });
    if (clash && clash.id !== input.id) throw new ValidationError('name', 'Another persona already has this name');
    if (input.active)
      await tx.persona.updateMany({
        where: { active: true, NOT: { id: input.id ?? undefined } },
        data: { active: false },
      });
    if (input.id) {
      const existing = await tx.persona.findUnique({ where: { id: input.id } });
      if (!existing) throw new NotFoundError('Persona', input.id);
      return tx.persona.update({
        where: { id: input.id },
        data: { name, prompt, ...(input.active != null ? { active: input.active } : {}) },
      });
    }
    return tx.persona.create({ data: { name, prompt, active: input.active ?? false } });
  });
  await core.analytics.auditEntry.create({
    data: {
      action: 'persona.save',
      reviewerId: reviewer.id,
      subjectId: persona.id,
      detail: { name, active: persona.active },
    },
  });
  core.log.info({ personaId: persona.id, active: persona.active }, 'persona saved');
  return persona;
}
