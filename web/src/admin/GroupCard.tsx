import { useState } from 'react';
import type { Organisation, SharingGroup } from '../api/types.js';
import { useWrite } from '../api/use-write.js';
import { ErrorNote } from '../app/ErrorNote.js';

/** One sharing group: its members, removable, and a picker to add an organisation. */
export function GroupCard({
  group,
  orgs,
  canManage,
}: {
  group: SharingGroup;
  orgs: Organisation[];
  canManage: boolean;
}) {
  const write = useWrite([['groups']]);
  const [adding, setAdding] = useState('');
  const name = (id: string) => orgs.find((o) => o.id === id)?.name ?? id;
  const outside = orgs.filter((o) => !group.members.includes(o.id));
  return (
    <section className="card" aria-label={`Sharing group ${group.name}`}>
      <h2>{group.name}</h2>
      {group.description !== null && <p className="muted">{group.description}</p>}
      <p className="muted">Run by {name(group.owner_org)}</p>
      <ul className="members">
        {group.members.map((id) => (
          <li key={id}>
            {name(id)}
            {canManage && id !== group.owner_org && (
              <button
                type="button"
                className="small danger"
                aria-label={`Remove ${name(id)} from ${group.name}`}
                disabled={write.isPending}
                onClick={() => {
                  write.mutate({ path: `/api/v1/groups/${group.id}/members/${id}`, method: 'DELETE' });
                }}
              >
                Remove
              </button>
            )}
          </li>
        ))}
      </ul>
      {canManage && outside.length > 0 && (
        <form
          className="row-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (adding !== '')
              write.mutate({
                path: `/api/v1/groups/${group.id}/members`,
                method: 'POST',
                body: { org_id: adding },
              });
          }}
        >
          <label>
            Add organisation
            <select
              value={adding}
              onChange={(e) => {
                setAdding(e.target.value);
              }}
            >
              <option value="">choose…</option>
              {outside.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" disabled={adding === '' || write.isPending}>
            Add
          </button>
        </form>
      )}
      {write.error !== null && <ErrorNote error={write.error} />}
    </section>
  );
}
