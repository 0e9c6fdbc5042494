import { createSourceEventStream, type DocumentNode, type ExecutionArgs, execute } from 'graphql';
import { isAsyncIterable, mapAsyncIterator, type Plugin } from 'graphql-yoga';
import type { Context } from './context.js';
import { oncePerEvent } from './schema/live.js';

/** A number per parsed document: Yoga's parse cache hands every subscriber of one query text the same object. */
const documentIds = new WeakMap<DocumentNode, number>();
let nextDocumentId = 0;

function documentId(document: DocumentNode): number {
  let id = documentIds.get(document);
  if (id === undefined) {
    id = nextDocumentId++;
    documentIds.set(document, id);
  }
  return id;
}

/**
 * What a subscription's result for one event depends on besides the event: the document, its variables
 * and who asks. Fields are guarded by role only (builder.ts scopes), so subscribers of one role share it.
 */
function resultKey(args: ExecutionArgs): string {
  const { reviewer } = args.contextValue as Context;
  const variables = args.variableValues ? JSON.stringify(args.variableValues) : '';
  return `result:${documentId(args.document)}:${args.operationName ?? ''}:${reviewer?.role ?? ''}:${variables}`;
}

/**
 * graphql-js executes a subscription's selection once per subscriber for every event: with 200 reviewers
 * watching the queue, a new draft was resolved and completed 200 times. This subscribe function resolves
 * each event once per document, variables and role in this process, and hands every such subscriber the
 * same result; Yoga's plugins (error masking among them) still see every result on its way out.
 */
async function sharedSubscribe(args: ExecutionArgs) {
  const events = await createSourceEventStream(args);
  if (!isAsyncIterable(events)) return events;
  const key = resultKey(args);
  return mapAsyncIterator(events, (event: unknown) => {
    const run = () => execute({ ...args, rootValue: event });
    return typeof event === 'object' && event !== null ? oncePerEvent(event, key, async () => run()) : run();
  });
}

export function useSharedSubscriptionResults(): Plugin {
  return {
    onSubscribe({ setSubscribeFn }) {
      setSubscribeFn(sharedSubscribe as Parameters<typeof setSubscribeFn>[0]);
    },
  };
}
