import { useState } from 'react';
import { useOrganisations } from '../api/use-organisations.js';
import { useWrite } from '../api/use-write.js';
import { ErrorNote } from '../app/ErrorNote.js';
import { keys, operationPath } from './operations-api.js';
import type { OperationDetail } from './types.js';
import { PARTICIPANT_ROLES } from './types.js';

const ROLES = PARTICIPANT_ROLES.filter((r) => r !== 'lead');

/** Who takes part, in which role; the lead adds organisations or changes their roles. */
export function ParticipantsPanel({ operation, lead }: { operation: OperationDetail; lead: boolean }) {
  const orgs = useOrganisations();
  const [orgId, setOrgId] = useState('');
  const [role, setRole] = useState<string>('contributing-partner');
  const save = useWrite<OperationDetail>([keys.all, keys.list]);
  const inIt = new Set(operation.participants.map((p) => p.orgId));
  return (
    <section className="card" aria-labelledby="participants-heading">
      <h2 id="participants-heading">Participants</h2>
      <table aria-label="Participants">
        <thead>
          <tr>
            <th scope="col">Organisation</th>
            <th scope="col">Role</th>
            <th scope="col">Since</th>
          </tr>
        </thead>
        <tbody>
          {operation.participants.map((p) => (
            <tr key={p.orgId}>
              <td>{orgs.nameOf(p.orgId)}</td>
              <td>{p.role}</td>
              <td>{p.added.slice(0, 10)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {lead && (
        <form
          aria-label="Add participant"
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate(
              {
                path: operationPath(operation.id),
                method: 'PATCH',
                body: { participants: [{ orgId, role }] },
              },
              {
                onSuccess: () => {
                  setOrgId('');
                },
              },
            );
          }}
        >
          <label>
            Organisation{' '}
            <select
              required
              value={orgId}
              onChange={(e) => {
                setOrgId(e.target.value);
              }}
            >
              <option value="">choose…</option>
              {(orgs.data?.items ?? []).map((o) => (
                <option key={o.id} value={o.id} disabled={o.id === operation.leadOrg}>
                  {o.name}
                  {inIt.has(o.id) ? ' (change role)' : ''}
                </option>
              ))}
            </select>
          </label>{' '}
          <label>
            Role{' '}
            <select
              value={role}
              onChange={(e) => {
                setRole(e.target.value);
              }}
            >
              {ROLES.map((r) => (
                <option key={r}>{r}</option>
              ))}
            </select>
          </label>{' '}
          <button type="submit" disabled={orgId === '' || save.isPending}>
            Add participant
          </button>
          {save.error !== null && <ErrorNote error={save.error} />}
        </form>
      )}
    </section>
  );
}
