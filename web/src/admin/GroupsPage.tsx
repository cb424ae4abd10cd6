import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api/client.js';
import type { Items, SharingGroup } from '../api/types.js';
import { useOrganisations } from '../api/use-organisations.js';
import { isOrgAdmin, useSession } from '../api/use-session.js';
import { useWrite } from '../api/use-write.js';
import { ErrorNote } from '../app/ErrorNote.js';
import { Loading } from '../app/Loading.js';
import { GroupCard } from './GroupCard.js';

export function GroupsPage() {
  const session = useSession().data;
  const groups = useQuery({
    queryKey: ['groups'],
    queryFn: () => api<Items<SharingGroup>>('/api/v1/groups'),
  });
  const orgs = useOrganisations();
  const create = useWrite([['groups']]);
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const manages = (g: SharingGroup) =>
    session?.user.role === 'admin' || (isOrgAdmin(session) && g.owner_org === session?.org.id);
  return (
    <div className="page">
      <h1>Sharing groups</h1>
      {groups.isPending && <Loading />}
      {groups.error !== null && <ErrorNote error={groups.error} />}
      <div className="grid two">
        {groups.data?.items.map((g) => (
          <GroupCard key={g.id} group={g} orgs={orgs.data?.items ?? []} canManage={manages(g)} />
        ))}
      </div>
      {isOrgAdmin(session) && (
        <form
          className="card"
          aria-labelledby="new-group"
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate({
              path: '/api/v1/groups',
              method: 'POST',
              body: { name, description: description === '' ? null : description },
            });
          }}
        >
          <h2 id="new-group">New sharing group</h2>
          <label>
            Name
            <input
              required
              value={name}
              onChange={(e) => {
                setName(e.target.value);
              }}
            />
          </label>
          <label>
            Description
            <input
              value={description}
              onChange={(e) => {
                setDescription(e.target.value);
              }}
            />
          </label>
          <button type="submit" disabled={create.isPending}>
            Create group
          </button>
          {create.error !== null && <ErrorNote error={create.error} />}
        </form>
      )}
    </div>
  );
}
