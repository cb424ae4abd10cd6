import type { Kysely } from 'kysely';
import type { UserViewer } from '../policy/viewer.js';
import type { Database } from '../store/schema.js';
import { buildViewerIndex } from './viewer-index.js';
import type { ViewerIndex } from './viewer-index.js';

export interface ViewerIndexCacheOptions {
  /** Most audiences kept (each index holds every indicator they see). Default 8. */
  maxEntries?: number;
  /** Rebuild at least this often so indicators that start or stop being valid are noticed. Default 60 s. */
  maxAgeMs?: number;
  clock?: () => number;
}

interface Entry {
  version: string;
  built: Promise<ViewerIndex>;
}

/**
 * Reuses compiled indexes across requests. What a viewer may see depends only on their
 * organisation, groups and role, so those form the key; the store's newest seq and tombstone
 * count say whether anything was written, revoked or deleted since the build.
 */
export class ViewerIndexCache {
  private readonly entries = new Map<string, Entry>();
  private readonly maxEntries: number;
  private readonly maxAgeMs: number;
  private readonly clock: () => number;
  /** Builds done so far (tests check that repeated calls reuse the index). */
  builds = 0;

  constructor(opts: ViewerIndexCacheOptions = {}) {
    this.maxEntries = opts.maxEntries ?? 8;
    this.maxAgeMs = opts.maxAgeMs ?? 60_000;
    this.clock = opts.clock ?? Date.now;
  }

  async get(db: Kysely<Database>, viewer: UserViewer): Promise<ViewerIndex> {
    const key = `${viewer.orgId}|${viewer.role}|${[...viewer.groups].sort().join(',')}`;
    const version = await storeVersion(db);
    const now = this.clock();
    const hit = this.entries.get(key);
    if (hit?.version === version) {
      const index = await hit.built.catch(() => null);
      if (index !== null && now - index.builtAt < this.maxAgeMs) {
        this.entries.delete(key);
        this.entries.set(key, hit); // most recently used last
        return index;
      }
    }
    this.builds++;
    const built = buildViewerIndex(db, viewer, now);
    this.entries.delete(key);
    this.entries.set(key, { version, built });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    return built;
  }
}

async function storeVersion(db: Kysely<Database>): Promise<string> {
  const seq = await db
    .selectFrom('objects')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .executeTakeFirst();
  const tombs = await db
    .selectFrom('tombstones')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return `${String(seq?.seq ?? 0)}/${String(tombs?.n ?? 0)}`;
}
