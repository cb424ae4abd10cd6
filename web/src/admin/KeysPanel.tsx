import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api/client.js';
import type { ApiKey, Items } from '../api/types.js';
import { useWrite } from '../api/use-write.js';
import { ErrorNote } from '../app/ErrorNote.js';
import { Loading } from '../app/Loading.js';

/** API keys of one user (or my own when `userId` is absent); a new key is shown once, here. */
export function KeysPanel({ userId, title }: { userId?: string; title: string }) {
  const path = userId === undefined ? '/api/v1/keys' : `/api/v1/users/${userId}/keys`;
  const keys = useQuery({ queryKey: ['keys', path], queryFn: () => api<Items<ApiKey>>(path) });
  const write = useWrite<{ key: string; record: ApiKey }>([['keys', path]]);
  const [name, setName] = useState('');
  const [readOnly, setReadOnly] = useState(false);
  const [expires, setExpires] = useState('');
  const [shown, setShown] = useState<string | null>(null);
  const create = () => {
    write.mutate(
      {
        path: '/api/v1/keys',
        method: 'POST',
        body: {
          ...(name === '' ? {} : { name }),
          read_only: readOnly,
          ...(expires === '' ? {} : { expires_at: `${expires}T23:59:59Z` }),
          ...(userId === undefined ? {} : { user_id: userId }),
        },
      },
      {
        onSuccess: (r) => {
          setShown(r.key);
        },
      },
    );
  };
  return (
    <section className="card" aria-label={title}>
      <h2>{title}</h2>
      {shown !== null && (
        <div className="once" role="alert">
          <p>
            <strong>Copy this key now — it will not be shown again.</strong>
          </p>
          <code data-testid="new-key">{shown}</code>{' '}
          <button type="button" className="small" onClick={() => void navigator.clipboard.writeText(shown)}>
            Copy
          </button>{' '}
          <button
            type="button"
            className="small ghost"
            onClick={() => {
              setShown(null);
            }}
          >
            Done
          </button>
        </div>
      )}
      {keys.isPending && <Loading />}
      {keys.error !== null && <ErrorNote error={keys.error} />}
      <table>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Key</th>
            <th scope="col">Access</th>
            <th scope="col">Expires</th>
            <th scope="col">Last used</th>
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {keys.data?.items.map((k) => (
            <tr key={k.id} className={k.revoked_at === null ? '' : 'revoked'}>
              <td>{k.name ?? '—'}</td>
              <td className="mono">
                {k.prefix}…{k.last4}
              </td>
              <td>{k.read_only ? 'read-only' : 'read-write'}</td>
              <td>{k.expires_at?.slice(0, 10) ?? 'never'}</td>
              <td>{k.last_used_at?.slice(0, 16).replace('T', ' ') ?? 'never'}</td>
              <td>
                {k.revoked_at === null ? (
                  <button
                    type="button"
                    className="small danger"
                    onClick={() => {
                      write.mutate({ path: `/api/v1/keys/${k.id}`, method: 'DELETE' });
                    }}
                  >
                    Revoke
                  </button>
                ) : (
                  'revoked'
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form
        className="row-form"
        onSubmit={(e) => {
          e.preventDefault();
          create();
        }}
      >
        <label>
          Key name
          <input
            value={name}
            onChange={(e) => {
              setName(e.target.value);
            }}
          />
        </label>
        <label>
          Expires on
          <input
            type="date"
            value={expires}
            onChange={(e) => {
              setExpires(e.target.value);
            }}
          />
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={readOnly}
            onChange={(e) => {
              setReadOnly(e.target.checked);
            }}
          />{' '}
          read-only
        </label>
        <button type="submit" disabled={write.isPending}>
          New key
        </button>
      </form>
      {write.error !== null && <ErrorNote error={write.error} />}
    </section>
  );
}
