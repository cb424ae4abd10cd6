import { Link } from '@tanstack/react-router';
import type { Dashboard } from '../api/types.js';

export function SightingsList({ sightings }: { sightings: Dashboard['sightings'] }) {
  return (
    <section className="card">
      <h2>Recent sightings of our indicators</h2>
      {sightings.length === 0 ? (
        <p className="muted">No sightings of your organisation's indicators yet.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Indicator</th>
              <th scope="col">Count</th>
              <th scope="col">Last seen</th>
              <th scope="col">Reported</th>
            </tr>
          </thead>
          <tbody>
            {sightings.map((s) => (
              <tr key={s.id}>
                <td>
                  <Link to="/objects/$id" params={{ id: s.indicator_id }}>
                    {s.indicator_name}
                  </Link>
                </td>
                <td>{s.count ?? '—'}</td>
                <td>{s.last_seen ?? '—'}</td>
                <td>{s.date_added.slice(0, 16).replace('T', ' ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
