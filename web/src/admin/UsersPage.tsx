import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api/client.js';
import type { Items, User } from '../api/types.js';
import { useOrganisations } from '../api/use-organisations.js';
import { isAdmin, useSession } from '../api/use-session.js';
import { useWrite } from '../api/use-write.js';
import { ErrorNote } from '../app/ErrorNote.js';
import { Loading } from '../app/Loading.js';
import { CreateUserForm } from './CreateUserForm.js';
import { KeysPanel } from './KeysPanel.js';

/** Users of an organisation and their API keys, for its org-admin (and administrators, for any). */
export function UsersPage() {
  const session = useSession().data;
  const orgs = useOrganisations();
  const [picked, setPicked] = useState<string | null>(null);
  const orgId = picked ?? session?.org.id ?? '';
  const users = useQuery({
    queryKey: ['users', orgId],
    queryFn: () => api<Items<User>>(`/api/v1/users?org=${encodeURIComponent(orgId)}`),
    enabled: orgId !== '',
  });
  const disable = useWrite([['users', orgId]]);
  const [keysOf, setKeysOf] = useState<User | null>(null);
  const admin = isAdmin(session);
  return (
    <div className="page">
      <h1>Users and API keys</h1>
      {admin && (
        <label>
          Organisation
          <select
            value={orgId}
            onChange={(e) => {
              setPicked(e.target.value);
              setKeysOf(null);
            }}
          >
            {(orgs.data?.items ?? []).map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </label>
      )}
      {users.isPending && <Loading />}
      {users.error !== null && <ErrorNote error={users.error} />}
      <table>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">E-mail</th>
            <th scope="col">Role</th>
            <th scope="col">Status</th>
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {users.data?.items.map((u) => (
            <tr key={u.id}>
              <td>{u.name}</td>
              <td>{u.email}</td>
              <td>{u.role}</td>
              <td>{u.disabled ? 'disabled' : 'active'}</td>
              <td>
                <button
                  type="button"
                  className="small"
                  onClick={() => {
                    setKeysOf(u);
                  }}
                >
                  Keys
                </button>{' '}
                {!u.disabled && u.id !== session?.user.id && (
                  <button
                    type="button"
                    className="small danger"
                    onClick={() => {
                      disable.mutate({ path: `/api/v1/users/${u.id}/disable`, method: 'POST' });
                    }}
                  >
                    Disable
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {disable.error !== null && <ErrorNote error={disable.error} />}
      <div className="grid two">
        {keysOf === null ? (
          <KeysPanel title="My API keys" />
        ) : (
          <KeysPanel key={keysOf.id} userId={keysOf.id} title={`API keys of ${keysOf.name}`} />
        )}
        {orgId !== '' && (
          <CreateUserForm
            key={orgId}
            orgId={orgId}
            roles={
              admin
                ? ['reader', 'contributor', 'org-admin', 'admin', 'sync']
                : ['reader', 'contributor', 'org-admin']
            }
          />
        )}
      </div>
    </div>
  );
}
