import { ErrorNote } from '../app/ErrorNote.js';
import { useContributions } from './operations-api.js';

/** Who contributed what: deduplicated targets per organisation, and how many it reported first. */
export function ContributorsPanel({
  operationId,
  orgName,
}: {
  operationId: string;
  orgName: (id: string) => string;
}) {
  const contributions = useContributions(operationId);
  if (contributions.error !== null) return <ErrorNote error={contributions.error} />;
  const rows = contributions.data?.contributors ?? [];
  return (
    <section className="card" aria-labelledby="contributors-heading">
      <h2 id="contributors-heading">Contributions</h2>
      {contributions.data !== undefined && rows.length === 0 && <p className="muted">No targets yet.</p>}
      {rows.length > 0 && (
        <table aria-label="Contributions">
          <thead>
            <tr>
              <th scope="col">Organisation</th>
              <th scope="col">Targets</th>
              <th scope="col">First to report</th>
              <th scope="col">By kind</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => (
              <tr key={c.orgId}>
                <td>{orgName(c.orgId)}</td>
                <td>{c.targets}</td>
                <td>{c.first}</td>
                <td>
                  {Object.entries(c.byKind)
                    .map(([kind, n]) => `${kind} ${n}`)
                    .join(', ')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
