import { forbidden, notFound, unauthorized } from '../errors.js';
import type { UserViewer, Viewer } from '../policy/viewer.js';
import type { Db } from '../store/store.js';
import { canReadCollection, canWriteCollection, getCollection } from './taxii-collection.js';
import type { TaxiiCollection } from './taxii-collection.js';

/** The collection, if the viewer may read it: 404 unknown, 401 anonymous, 403 role not allowed. */
export async function readableCollection(db: Db, viewer: Viewer, id: string): Promise<TaxiiCollection> {
  const collection = await getCollection(db, id);
  if (collection === undefined) throw notFound(`collection ${id}`);
  if (canReadCollection(viewer, collection)) return collection;
  if (viewer.kind !== 'user')
    throw unauthorized('this collection is not public: authenticate with an API key');
  throw forbidden(`your role may not read collection ${id}`);
}

export async function writableCollection(
  db: Db,
  viewer: Viewer,
  id: string,
): Promise<{ collection: TaxiiCollection; writer: UserViewer }> {
  const collection = await getCollection(db, id);
  if (collection === undefined) throw notFound(`collection ${id}`);
  if (viewer.kind !== 'user') throw unauthorized('writing to a collection needs an API key');
  if (!canWriteCollection(viewer, collection))
    throw forbidden(`your role or API key may not write to collection ${id}`);
  return { collection, writer: viewer };
}
