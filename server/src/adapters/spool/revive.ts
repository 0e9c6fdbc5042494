import type { SpooledMessage } from '../../ports.js';

/** One spool entry as stored (a JSON line or a Redis list item), with its date revived. */
export function parseEntry(line: string): SpooledMessage {
  const entry = JSON.parse(line) as SpooledMessage;
  if (entry.message.sentAt) entry.message.sentAt = new Date(entry.message.sentAt);
  return entry;
}
