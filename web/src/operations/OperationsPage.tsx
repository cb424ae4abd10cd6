import { Link } from '@tanstack/react-router';
import { useSession } from '../api/use-session.js';
import { ErrorNote } from '../app/ErrorNote.js';
import { Loading } from '../app/Loading.js';
import { MarkingBadge } from '../common/TlpBadge.js';
import { useOrganisations } from '../api/use-organisations.js';
import { ContributionOutcomes } from './ContributionOutcomes.js';
import { CreateOperationForm, mayCreateOperation } from './CreateOperationForm.js';
import { useOperations } from './operations-api.js';

/** The operations the user's organisation takes part in, a new one for law enforcement, and outcomes. */
export function OperationsPage() {
  const session = useSession().data;
  const list = useOperations();
  const { nameOf } = useOrganisations();
  return (
    <div className="page ops">
      <h1>Operations</h1>
      <p className="muted">
        Only participants see an operation: its name, targets and figures exist for no one else.
      </p>
      {list.isPending && <Loading />}
      {list.error !== null && <ErrorNote error={list.error} />}
      {list.data?.operations.length === 0 && <p className="muted">You take part in no operation.</p>}
      {list.data !== undefined && list.data.operations.length > 0 && (
        <table aria-label="Operations">
          <thead>
            <tr>
              <th scope="col">Code</th>
              <th scope="col">Name</th>
              <th scope="col">Lead</th>
              <th scope="col">Your role</th>
              <th scope="col">TLP</th>
              <th scope="col">Targets</th>
              <th scope="col">Created</th>
            </tr>
          </thead>
          <tbody>
            {list.data.operations.map((op) => (
              <tr key={op.id}>
                <td>
                  <Link to="/operations/$id" params={{ id: op.code }}>
                    {op.code}
                  </Link>
                </td>
                <td>{op.name}</td>
                <td>{nameOf(op.leadOrg)}</td>
                <td>{op.role}</td>
                <td>
                  <MarkingBadge kind="TLP" level={op.markings.tlp} />
                </td>
                <td>{op.targetCount}</td>
                <td>{op.created.slice(0, 10)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {session != null && mayCreateOperation(session) && <CreateOperationForm session={session} />}
      <ContributionOutcomes />
    </div>
  );
}
