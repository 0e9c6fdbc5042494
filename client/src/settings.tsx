import { useCallback } from 'react';
import { useMutation, useQuery } from 'urql';
import type { SaveSettingsInput } from './gql/graphql';
import { ReviewerSettingsQuery, SaveSettingsMutation } from './settingsOperations';

export interface DeskSettings {
  approveAndNext: boolean;
  sound: boolean;
  notifications: boolean;
}

/** The server's defaults, used until the reviewer's own settings have loaded. */
const DEFAULTS: DeskSettings = { approveAndNext: true, sound: false, notifications: false };

/**
 * The signed-in reviewer's desk settings (kept on the server, so they follow the reviewer across
 * devices) and a function that saves a change; it resolves to an error sentence, or null once saved.
 */
export function useSettings(): {
  settings: DeskSettings;
  /** Whether `settings` are the reviewer's own, read from the server (until then, the defaults). */
  loaded: boolean;
  save(change: SaveSettingsInput): Promise<string | null>;
} {
  const [{ data }] = useQuery({ query: ReviewerSettingsQuery });
  const [, execute] = useMutation(SaveSettingsMutation);
  const save = useCallback(
    async (change: SaveSettingsInput) => {
      const result = await execute({ input: change });
      if (result.error) return 'Could not save the setting. Check your connection and try again.';
      const outcome = result.data?.saveSettings;
      if (outcome?.__typename === 'ValidationError') return outcome.message;
      return outcome ? null : 'No answer from the server. Please try again.';
    },
    [execute],
  );
  const own = data?.me?.settings;
  return { settings: own ?? DEFAULTS, loaded: own != null, save };
}
