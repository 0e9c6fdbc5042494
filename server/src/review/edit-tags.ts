import { audit } from '../audit/audit.js';
import type { Core } from '../core.js';
import type { EditTag, Reviewer } from '../db.js';
import { NotFoundError, ValidationError } from '../errors.js';
import { isId, requireText } from '../validate.js';

const COLOR = /^#[0-9a-f]{6}$/i;

export interface SaveEditTag {
  id?: string | null;
  name: string;
  color: string;
}

/**
 * Creates or edits an edit tag (admins only, enforced by the API). A rename rewrites the old name to the new
 * one in every draft that carries it, in the same transaction, so reports and the training export see one
 * tag. Audited with how many drafts the rename touched.
 */
export async function saveEditTag(core: Pick<Core, 'analytics' | 'log'>, input: SaveEditTag, admin: Reviewer) {
  const name = requireText('name', input.name, 50, 'Name');
  if (name.includes(',')) throw new ValidationError('name', 'A tag name cannot contain a comma');
  const color = input.color.trim();
  if (!COLOR.test(color)) throw new ValidationError('color', 'Colour must be a hex colour such as #2f855a');
  if (input.id != null && !isId(input.id)) throw new NotFoundError('EditTag', input.id);
  const { tag, renamedFrom, drafts } = await core.analytics.$transaction(async (tx) => {
    const clash = await tx.editTag.findUnique({ where: { name } });
    if (clash && clash.id !== input.id) throw new ValidationError('name', 'Another tag already has this name');
    let saved: { tag: EditTag; renamedFrom: string | null; drafts: number };
    if (!input.id) {
      saved = { tag: await tx.editTag.create({ data: { name, color } }), renamedFrom: null, drafts: 0 };
    } else {
      const existing = await tx.editTag.findUnique({ where: { id: input.id } });
      if (!existing) throw new NotFoundError('EditTag', input.id);
      const tag = await tx.editTag.update({ where: { id: input.id }, data: { name, color } });
      const renamedFrom = existing.name === name ? null : existing.name;
      // A draft that already has both names keeps one.
      const drafts = renamedFrom
        ? await tx.$executeRaw`
            UPDATE "Draft" SET "editTags" = CASE WHEN ${name} = ANY("editTags")
                THEN array_remove("editTags", ${renamedFrom}) ELSE array_replace("editTags", ${renamedFrom}, ${name}) END
            WHERE ${renamedFrom} = ANY("editTags")`
        : 0;
      saved = { tag, renamedFrom, drafts };
    }
    await audit(tx, 'tag.save', {
      actorId: admin.id,
      subjectId: saved.tag.id,
      detail: { name, color, created: !input.id, renamedFrom: saved.renamedFrom, drafts: saved.drafts },
    });
    return saved;
  });
  core.log.info({ tagId: tag.id, renamedFrom, drafts }, 'edit tag saved');
  return tag;
}

/** Retires an edit tag (no longer suggested; drafts keep it) or, with `retired: false`, brings it back. Audited. */
export async function retireEditTag(
  core: Pick<Core, 'analytics' | 'log'>,
  id: string,
  retired: boolean,
  admin: Reviewer,
) {
  if (!isId(id)) throw new NotFoundError('EditTag', id);
  return core.analytics.$transaction(async (tx) => {
    const existing = await tx.editTag.findUnique({ where: { id } });
    if (!existing) throw new NotFoundError('EditTag', id);
    if ((existing.retiredAt !== null) === retired) return existing;
    const tag = await tx.editTag.update({ where: { id }, data: { retiredAt: retired ? new Date() : null } });
    await audit(tx, 'tag.retire', { actorId: admin.id, subjectId: id, detail: { name: tag.name, retired } });
    return tag;
  });
}
