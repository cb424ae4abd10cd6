import { Link } from '@tanstack/react-router';
import type { Presented } from '../api/types.js';
import { objectLabel } from '../common/object-label.js';
import { OptionalPanel } from './OptionalPanel.js';

interface Listing {
  items?: (Presented | { id: string; type?: string; name?: string; value?: string; reason?: string })[];
}

function entryOf(item: NonNullable<Listing['items']>[number]) {
  if ('object' in item)
    return { id: item.object.id, label: `${item.object.type}: ${objectLabel(item.object)}` };
  return { id: item.id, label: `${item.type ?? ''} ${item.name ?? item.value ?? item.id}`.trim() };
}

function ListingView({ data }: { data: Listing }) {
  const items = data.items ?? [];
  if (items.length === 0) return <p className="muted">None visible to you.</p>;
  return (
    <ul>
      {items.slice(0, 100).map((item) => {
        const e = entryOf(item);
        return (
          <li key={e.id}>
            <Link to="/objects/$id" params={{ id: e.id }}>
              {e.label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}

/** Correlations and sightings, from their endpoints when this server has them. */
export function RelatedPanels({ id }: { id: string }) {
  return (
    <>
      <OptionalPanel title="Correlations" url={`/api/v1/objects/${id}/correlations`}>
        {(data) => <ListingView data={data as Listing} />}
      </OptionalPanel>
      <OptionalPanel title="Sightings" url={`/api/v1/objects/${id}/sightings`}>
        {(data) => <ListingView data={data as Listing} />}
      </OptionalPanel>
    </>
  );
}
