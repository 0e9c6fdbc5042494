import { filter, pipe } from 'graphql-yoga';
import type { Context } from '../context.js';

/** Drops events for drafts that no longer exist (erased) so a non-null subscription never errors. */
export function liveRows(ctx: Context, events: AsyncIterable<{ draftId: string }>) {
  return pipe(
    events as AsyncIterableIterator<{ draftId: string }>,
    filter(
      async (event: { draftId: string }) =>
        (await ctx.core.analytics.draft.count({ where: { id: event.draftId } })) > 0,
    ),
  );
}
