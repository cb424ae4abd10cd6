import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client.js';
import type { FederationPeerStatus, FederationStatus } from '../api/types.js';
import { ErrorNote } from '../app/ErrorNote.js';
import { Loading } from '../app/Loading.js';

/** How often the page asks again: the figures move with every page a peer pulls or serves. */
export const REFRESH_MS = 3000;

const STATE_LABEL: Record<FederationPeerStatus['state'], string> = {
  never_contacted: 'never contacted',
  failing: 'failing',
  catching_up: 'catching up',
  in_sync: 'in sync',
};

const when = (at: string | null) => (at === null ? '—' : at.slice(0, 19).replace('T', ' '));

/** Sent or received: the seq reached and the lag, or a dash when the peer's direction excludes it. */
function Cursor({ on, seq, lag }: { on: boolean; seq: number; lag: number }) {
  if (!on) return <span className="muted">—</span>;
  return (
    <span>
      {seq} <span className={lag > 0 ? 'muted' : 'ok'}>(lag {lag})</span>
    </span>
  );
}

/** Connected Accord instances (administrators): per peer, both cursors, lags, state and errors. */
export function FederationPage() {
  const status = useQuery({
    queryKey: ['federation', 'status'],
    queryFn: () => api<FederationStatus>('/api/v1/federation/status'),
    refetchInterval: REFRESH_MS,
  });
  const items = status.data?.items ?? [];
  return (
    <div className="page">
      <h1>Federation</h1>
      {status.data !== undefined && (
        <p className="muted">
          This instance: <span className="mono">{status.data.instance}</span> · refreshed every{' '}
          {REFRESH_MS / 1000} s
        </p>
      )}
      {status.isPending && <Loading />}
      {status.error !== null && <ErrorNote error={status.error} />}
      {status.data !== undefined && items.length === 0 && (
        <p>
          No peers connected. Connect one with <code>accord federation peer add</code> (see the README,
          “Federation”).
        </p>
      )}
      {items.length > 0 && (
        <table aria-label="Federation peers">
          <thead>
            <tr>
              <th scope="col">Peer</th>
              <th scope="col">Direction</th>
              <th scope="col">State</th>
              <th scope="col">Last seq sent</th>
              <th scope="col">Last seq received</th>
              <th scope="col">Last contact</th>
              <th scope="col">Last error</th>
            </tr>
          </thead>
          <tbody>
            {items.map((s) => (
              <tr key={s.peer.id}>
                <td>
                  <strong>{s.peer.name}</strong>
                  <div className="mono small-text">{s.peer.url}</div>
                </td>
                <td>{s.peer.direction}</td>
                <td className={s.state === 'failing' ? 'error' : s.state === 'in_sync' ? 'ok' : undefined}>
                  {STATE_LABEL[s.state]}
                </td>
                <td>
                  <Cursor on={s.peer.direction !== 'pull'} seq={s.sent_seq} lag={s.lag_out} />
                </td>
                <td>
                  <Cursor on={s.peer.direction !== 'push'} seq={s.received_seq} lag={s.lag_in} />
                </td>
                <td className="small-text">
                  {s.last_pull_at !== null && <div>pulled {when(s.last_pull_at)}</div>}
                  {s.last_served_at !== null && <div>served {when(s.last_served_at)}</div>}
                  {s.last_pull_at === null && s.last_served_at === null && '—'}
                </td>
                <td>
                  {s.last_error === null ? (
                    <span className="muted">none</span>
                  ) : (
                    <div>
                      <span className="error mono">{s.last_error.code}</span>{' '}
                      <span className="small-text">{when(s.last_error.at)}</span>
                      <div className="small-text">{s.last_error.message}</div>
                    </div>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
