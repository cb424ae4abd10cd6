import { z } from 'zod';
import { invalidInput } from '../../../errors.js';

/** A group's place in the inbox order (compareGroups): the keyset a page starts after or ends before. */
const GroupMark = z.strictObject({ count: z.number().int().min(1), last: z.string(), key: z.string() });
export type GroupMark = z.infer<typeof GroupMark>;

/** The newest report of the snapshot a walk of the pages reads: received, then id. */
const Snapshot = z.strictObject({ received: z.string(), id: z.string() });
export type Snapshot = z.infer<typeof Snapshot>;

const InboxCursor = z.strictObject({
  /** The grouping and status filter the cursor was given for (`url/open`): another query refuses it. */
  filter: z.string(),
  upTo: Snapshot,
  side: z.enum(['after', 'before']),
  mark: GroupMark,
});
export type InboxCursor = z.infer<typeof InboxCursor>;

export const encodeInboxCursor = (c: InboxCursor): string =>
  Buffer.from(JSON.stringify(c), 'utf8').toString('base64url');

/**
 * Reads a cursor this endpoint gave out for the same filter; anything else is a 400 naming `cursor`.
 * A cursor carries no report data and grants nothing: every page is read through the visibility rule.
 */
export function decodeInboxCursor(text: string, filter: string): InboxCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const cursor = InboxCursor.safeParse(parsed);
  if (!cursor.success) throw invalidInput('invalid_cursor', 'cursor: not a cursor this endpoint gave out');
  if (cursor.data.filter !== filter)
    throw invalidInput(
      'invalid_cursor',
      `cursor: given for group/status ${cursor.data.filter}, not ${filter}; start again without it`,
    );
  return cursor.data;
}
