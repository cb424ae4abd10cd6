import { ErrorNote } from '../app/ErrorNote.js';
import { operationPath, useKpis } from './operations-api.js';

/**
 * Targets by country: the server's choropleth (an SVG drawn from the same figures, shown as an image so
 * nothing in it can run) and the figures themselves as a table, for screen readers and exact numbers.
 */
export function MapPanel({ operationId }: { operationId: string }) {
  const kpis = useKpis(operationId);
  if (kpis.error !== null) return <ErrorNote error={kpis.error} />;
  const rows = kpis.data?.byJurisdiction ?? [];
  // The figures' version in the address, so the browser fetches a new map when they change.
  const version = hash(rows.map((r) => `${r.country ?? '-'}:${r.targets}:${r.takenDown}`).join(','));
  return (
    <section className="card" aria-labelledby="map-heading">
      <h2 id="map-heading">Targets by country</h2>
      <img
        src={`${operationPath(operationId)}/map.svg?v=${version}`}
        alt={`Map of targets by country: ${rows.length} jurisdictions`}
        data-testid="target-map"
        style={{ width: '100%', maxWidth: 960, height: 'auto' }}
      />
      <table aria-label="Targets by country">
        <thead>
          <tr>
            <th scope="col">Country</th>
            <th scope="col">Targets</th>
            <th scope="col">Reported</th>
            <th scope="col">Taken down</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.country ?? 'none'}>
              <td>{r.country ?? 'unknown'}</td>
              <td>{r.targets}</td>
              <td>{r.reported}</td>
              <td>{r.takenDown}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** A short, stable fingerprint of a string (djb2), to bust the image cache when the figures change. */
function hash(text: string): string {
  let h = 5381;
  for (let i = 0; i < text.length; i++) h = ((h << 5) + h + text.charCodeAt(i)) | 0;
  return (h >>> 0).toString(36);
}
