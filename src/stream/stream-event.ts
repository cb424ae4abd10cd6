import type { PresentedVersion } from '../present/present-objects.js';

/**
 * One change as a viewer receives it from the live stream. `seq` is the store's sequence: the SSE
 * event id, and the cursor a reader resumes after.
 * - `version`: a new object version the viewer may see (sightings included);
 * - `revoked`: a new version that revokes the object;
 * - `deleted`: the owner deleted a lineage the viewer could see (a tombstone);
 * - `removed`: a new version went to an audience without the viewer, which had the previous one;
 * - `match`: a version or revocation (`change`) that one of the viewer's own subscriptions selects,
 *   sent in place of that `version`/`revoked` event (src/stream/subscriptions/stream-matches.ts).
 */
export type StreamEvent =
  | ({ seq: number; kind: 'version' | 'revoked'; id: string; type: string } & PresentedVersion)
  | { seq: number; kind: 'deleted'; id: string; type: string; owner_org: string; at: string }
  | {
      seq: number;
      kind: 'removed';
      id: string;
      type: string;
      owner_org: string;
      reason: 'audience_narrowed';
    }
  | ({
      seq: number;
      kind: 'match';
      change: 'version' | 'revoked';
      id: string;
      type: string;
      subscriptions: Array<{ id: string; name: string }>;
    } & PresentedVersion);

export type StreamEventKind = StreamEvent['kind'];

export const STREAM_EVENT_KINDS: readonly StreamEventKind[] = [
  'version',
  'revoked',
  'deleted',
  'removed',
  'match',
];
