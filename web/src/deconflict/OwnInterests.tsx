import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client.js';
import { useWrite } from '../api/use-write.js';
import { ErrorNote } from '../app/ErrorNote.js';
import { Loading } from '../app/Loading.js';
import type { OwnInterest } from './deconflict-types.js';

/** Your organisation's interests, in clear (nobody else can list them), each removable. */
export function OwnInterests() {
  const list = useQuery({
    queryKey: ['deconflict-interests'],
    queryFn: () => api<{ interests: OwnInterest[] }>('/api/v1/deconflict/interests'),
  });
  const remove = useWrite([['deconflict-interests']]);
  return (
    <section className="card" aria-labelledby="own-title">
      <h2 id="own-title">Your interests</h2>
      {list.isPending && <Loading />}
      {list.error !== null && <ErrorNote error={list.error} />}
      {remove.error !== null && <ErrorNote error={remove.error} />}
      {list.data?.interests.length === 0 && <p>None registered.</p>}
      {list.data !== undefined && list.data.interests.length > 0 && (
        <table aria-label="Your interests">
          <thead>
            <tr>
              <th>Value</th>
              <th>Kind</th>
              <th>Case</th>
              <th>Contact</th>
              <th>Expires</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {list.data.interests.map((i) => (
              <tr key={i.id}>
                <td>{i.value}</td>
                <td>{i.kind}</td>
                <td>{i.case_ref}</td>
                <td>{i.contact}</td>
                <td>{i.expired ? 'expired' : i.expires_at.slice(0, 10)}</td>
                <td>
                  <button
                    type="button"
                    disabled={remove.isPending}
                    onClick={() => {
                      remove.mutate({
                        path: `/api/v1/deconflict/interests/${encodeURIComponent(i.id)}`,
                        method: 'DELETE',
                      });
                    }}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
