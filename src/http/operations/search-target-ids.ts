import type { Viewer } from '../../policy/viewer.js';
import type { Store } from '../../store/store.js';
import { searchObjects } from '../dashboard/search-objects.js';

/** A search for objects to turn into targets, as the search page filters them. */
export interface TargetSearch {
  text?: string | undefined;
  types?: string[] | undefined;
  label?: string | undefined;
  limit: number;
}

/** Ids of the newest objects the viewer may see that match `search` (the REST and CLI "from a search"). */
export async function searchTargetIds(store: Store, viewer: Viewer, search: TargetSearch): Promise<string[]> {
  const { text, types, label, limit } = search;
  const page = await searchObjects(
    store.db,
    store.dialect,
    viewer,
    {
      ...(text === undefined ? {} : { text }),
      ...(types === undefined ? {} : { types }),
      ...(label === undefined ? {} : { label }),
    },
    { limit },
  );
  return page.items.map((i) => i.id);
}
