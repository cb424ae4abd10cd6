import { z } from 'zod';

const list = (item: string, what: string) =>
  z
    .string()
    .regex(new RegExp(`^${item}(,${item})*$`), `a comma-separated list of ${what}`)
    .optional();

const KIND = '(version|revoked|deleted|removed|match)';
const TLP = '(clear|green|amber|amber\\+strict|red|none)';
const TYPE = '[a-z0-9-]+';
const IDENTITY = 'identity--[0-9a-f-]{36}';

/** `GET /stream`: where to start and what to follow. Lists are comma-separated; each present must match. */
export const StreamQuery = z.object({
  from: z.coerce
    .number()
    .int()
    .min(0)
    .optional()
    .describe('the last seq the client has (Last-Event-ID wins when both are sent); default: now'),
  kinds: list(KIND, 'version, revoked, deleted, removed, match').describe('event kinds to receive'),
  types: list(TYPE, 'STIX types').describe('STIX types, e.g. indicator,sighting'),
  owners: list(IDENTITY, 'owner organisation identities'),
  tlp: list(TLP, 'TLP levels (none: no TLP)'),
  collection: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe('a TAXII collection id or alias the caller may read'),
});
export type StreamQuery = z.infer<typeof StreamQuery>;

/** Last-Event-ID as SSE clients send it: the id of the last event they received. */
export const LastEventId = z
  .string()
  .regex(/^\d{1,15}$/, 'Last-Event-ID must be the seq of an event from this stream');
