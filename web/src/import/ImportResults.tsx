import { Link } from '@tanstack/react-router';
import type { ImportResponse } from '../api/types.js';

/** The server's verdict: a summary and one row per object that was not simply created. */
export function ImportResults({ response }: { response: ImportResponse }) {
  const { summary, results } = response;
  const notable = results.filter((r) => r.status !== 'created' || r.warnings.length > 0);
  return (
    <section className="card" aria-labelledby="results-title">
      <h2 id="results-title">Import results</h2>
      {summary.fatal !== undefined && (
        <p role="alert" className="error">
          The file stopped importing: {summary.fatal.message}
          {summary.fatal.line !== undefined && ` (line ${summary.fatal.line})`}
        </p>
      )}
      <p data-testid="import-summary">
        {summary.total} objects: {summary.created} created, {summary.duplicate} already present,{' '}
        {summary.invalid} invalid, {summary.refused} refused, {summary.rejected} rejected.
      </p>
      <table>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Object</th>
            <th scope="col">Status</th>
            <th scope="col">Problems</th>
          </tr>
        </thead>
        <tbody>
          {(notable.length > 0 ? notable : results).slice(0, 500).map((r) => (
            <tr key={r.index} className={`status-${r.status}`}>
              <td>{r.index}</td>
              <td className="mono">
                {r.id !== null && r.status !== 'invalid' ? (
                  <Link to="/objects/$id" params={{ id: r.id }}>
                    {r.id}
                  </Link>
                ) : (
                  (r.id ?? '—')
                )}
              </td>
              <td>{r.status}</td>
              <td>
                {[...r.errors, ...r.warnings].map((e) => (
                  <div key={`${e.path}-${e.code}`}>
                    <code>{e.path}</code> {e.message}
                  </div>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
