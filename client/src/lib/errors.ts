import type { CombinedError } from 'urql';

/** The parts of a typed error (members of the mutation result unions) the forms use. */
export interface TypedError {
  __typename?: string;
  message: string;
  field?: string | null;
}

export type FieldErrors<F extends string> = Partial<Record<F | 'form', string>>;

/**
 * Places a typed error next to the input it names. `aliases` maps the server's field names to
 * the form's (the funnel code reports `reason` for the status reason, say); anything else goes
 * to the form as a whole.
 */
export function placeError<F extends string>(
  error: TypedError,
  fields: readonly F[],
  aliases: Record<string, F> = {},
): FieldErrors<F> {
  const named = error.field ? (aliases[error.field] ?? error.field) : undefined;
  if (named && (fields as readonly string[]).includes(named)) return { [named]: error.message } as FieldErrors<F>;
  return { form: error.message } as FieldErrors<F>;
}

/** A human sentence for transport and unexpected GraphQL errors; never a stack. */
export function describeCombinedError(error: CombinedError): string {
  if (error.networkError) return 'Could not reach Countersign. Check your connection and try again.';
  const first = error.graphQLErrors[0];
  if (first?.extensions?.code === 'UNAUTHENTICATED') return 'Your session has ended. Please sign in again.';
  if (first?.extensions?.code === 'FORBIDDEN') return 'Your role does not allow this.';
  return first?.message ? first.message : 'Something went wrong. Please try again.';
}

/**
 * A mutation's payload (the `key` of its data), or null once the reason there is none, a transport error
 * or no answer at all, went to `showError`.
 */
export function payloadOf<D, K extends keyof D>(
  result: { error?: CombinedError; data?: D },
  key: K,
  showError: (message: string) => void,
): NonNullable<D[K]> | null {
  if (result.error) {
    showError(describeCombinedError(result.error));
    return null;
  }
  const payload = result.data?.[key];
  if (!payload) showError('No answer from the server. Please try again.');
  return payload ?? null;
}
