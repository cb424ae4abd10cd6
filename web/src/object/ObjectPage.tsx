import { useQuery } from '@tanstack/react-query';
import { Suspense, lazy } from 'react';
import { api } from '../api/client.js';
import type { Presented } from '../api/types.js';
import { useOrganisations } from '../api/use-organisations.js';
import { ErrorNote } from '../app/ErrorNote.js';
import { Loading } from '../app/Loading.js';
import { MarkingBadge } from '../common/TlpBadge.js';
import { objectLabel } from '../common/object-label.js';
import { AudiencePanel } from './AudiencePanel.js';
import { PropertyList } from './PropertyList.js';
import { RelatedPanels } from './RelatedPanels.js';
import { VersionsPanel } from './VersionsPanel.js';

// Cytoscape is large: the graph arrives in its own chunk when an object page opens.
const GraphPanel = lazy(() => import('./GraphPanel.js'));

export function ObjectPage({ id }: { id: string }) {
  const found = useQuery({
    queryKey: ['object', id],
    queryFn: () => api<Presented>(`/api/v1/objects/${id}`),
  });
  const orgs = useOrganisations();
  if (found.isPending) return <Loading what="Loading the object" />;
  if (found.error !== null) return <ErrorNote error={found.error} />;
  const { object, meta } = found.data;
  return (
    <div className="page object">
      <header className="object-head">
        <p className="muted type">{object.type}</p>
        <h1>{objectLabel(object)}</h1>
        <p className="markings">
          <MarkingBadge kind="TLP" level={meta.tlp} /> <MarkingBadge kind="PAP" level={meta.pap} />{' '}
          <span className="muted">
            from {orgs.nameOf(meta.owner_org)} · distribution {meta.distribution} · version {meta.version}
          </span>
        </p>
        <p className="mono muted">{object.id}</p>
      </header>
      <div className="grid two">
        <section className="card" aria-label="Properties">
          <h2>Properties</h2>
          <PropertyList object={object} />
        </section>
        <div className="stack">
          <AudiencePanel id={id} />
          <VersionsPanel id={id} />
        </div>
      </div>
      <Suspense fallback={<Loading what="Loading the graph" />}>
        <GraphPanel key={id} id={id} />
      </Suspense>
      <div className="grid two">
        <RelatedPanels id={id} />
      </div>
    </div>
  );
}
