import { Link } from '@tanstack/react-router';
import { ErrorNote } from '../app/ErrorNote.js';
import { useContributionOutcomes } from './operations-api.js';

/** What came of the user's organisation's own contributions, per operation; never other partners'. */
export function ContributionOutcomes() {
  const outcomes = useContributionOutcomes();
  if (outcomes.error !== null) return <ErrorNote error={outcomes.error} />;
  const rows = outcomes.data?.operations ?? [];
  return (
    <section aria-labelledby="outcomes-heading">
      <h2 id="outcomes-heading">What came of your contributions</h2>
      {outcomes.data !== undefined && rows.length === 0 && (
        <p className="muted">No operation has used your organisation’s contributions yet.</p>
      )}
      {rows.length > 0 && (
        <table aria-label="Your contributions">
          <thead>
            <tr>
              <th scope="col">Operation</th>
              <th scope="col">Contributed</th>
              <th scope="col">Reported</th>
              <th scope="col">Actioned</th>
              <th scope="col">Taken down</th>
              <th scope="col">Summary</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((o) => (
              <tr key={o.operationId ?? 'other'}>
                <td>
                  {o.code === null ? (
                    'an operation you do not take part in'
                  ) : (
                    <Link to="/operations/$id" params={{ id: o.code }}>
                      {o.code}
                    </Link>
                  )}
                </td>
                <td>{o.totals.contributed}</td>
                <td>{o.totals.reported}</td>
                <td>{o.totals.actioned}</td>
                <td>{o.totals.takenDown}</td>
                <td>{o.summary}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
