import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fetchFeed } from './feed-http.js';
import type { FetchOptions, FetchResult } from './feed-http.js';

/** Where a multi-file feed (a MISP feed) lives: a base URL or a local directory. */
export interface FeedLocation {
  label: string;
  /** One file of the feed, relative to the base; conditional (ETag) over HTTP. */
  read(name: string, options?: FetchOptions): Promise<FetchResult>;
}

/** `https://…/feed/` or `http://…` reads over HTTP (with retries); anything else is a directory. */
export function feedLocation(where: string, defaults: FetchOptions = {}): FeedLocation {
  if (/^https?:\/\//i.test(where)) {
    const base = where.endsWith('/') ? where : `${where}/`;
    return {
      label: base,
      read: (name, options = {}) =>
        fetchFeed(new URL(encodeURIComponent(name), base).toString(), { ...defaults, ...options }),
    };
  }
  return {
    label: where,
    read: async (name) => {
      try {
        return { status: 'ok', body: await readFile(join(where, name), 'utf8') };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { status: 'not-found' };
        throw error;
      }
    },
  };
}
