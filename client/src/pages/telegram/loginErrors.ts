/** The typed errors of the connect forms, as one sentence each (a flood wait says how long to wait). */
export function describeLoginError(error: {
  __typename?: string;
  message: string;
  retryAfterSeconds?: number;
}): string {
  if (error.__typename === 'TelegramFloodWaitError' && error.retryAfterSeconds !== undefined) {
    const minutes = Math.ceil(error.retryAfterSeconds / 60);
    const wait =
      error.retryAfterSeconds < 60
        ? `${error.retryAfterSeconds} seconds`
        : `${minutes} minute${minutes === 1 ? '' : 's'}`;
    return `Telegram asks to wait ${wait} before trying again.`;
  }
  return error.message;
}
