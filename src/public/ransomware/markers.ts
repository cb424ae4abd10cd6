import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { DATA_DIR } from './decryptors.js';

/** Bytes a family writes at the start of every file it encrypts (the galaxy has no such field). */
export const FileMarker = z.object({
  galaxy_uuid: z.string(),
  family: z.string(),
  hex: z.string().regex(/^(?:[0-9a-f]{2})+$/),
  source: z.url(),
});
export type FileMarker = z.infer<typeof FileMarker>;

export function shippedMarkers(): FileMarker[] {
  return z.array(FileMarker).parse(JSON.parse(readFileSync(new URL('markers.json', DATA_DIR), 'utf8')));
}
