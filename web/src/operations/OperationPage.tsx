import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useOrganisations } from '../api/use-organisations.js';
import { ErrorNote } from '../app/ErrorNote.js';
import { Loading } from '../app/Loading.js';
import { MarkingBadge } from '../common/TlpBadge.js';
import { CarsPanel } from './CarsPanel.js';
import { ContributorsPanel } from './ContributorsPanel.js';
import { KpiPanel } from './KpiPanel.js';
import { MapPanel } from './MapPanel.js';
import { ParticipantsPanel } from './ParticipantsPanel.js';
import { PhasesPanel } from './PhasesPanel.js';
import { TargetsPanel } from './TargetsPanel.js';
import { canManage, useOperation } from './operations-api.js';

const TABS = [
  ['overview', 'Overview'],
  ['targets', 'Targets'],
  ['figures', 'Figures and map'],
  ['cars', 'Reports (CARs)'],
  ['contributions', 'Contributions'],
] as const;
type Tab = (typeof TABS)[number][0];

/** One operation, for its participants: who, when, what against whom, how it went, what was reported. */
export function OperationPage({ id }: { id: string }) {
  const operation = useOperation(id);
  const { nameOf } = useOrganisations();
  const [tab, setTab] = useState<Tab>('overview');
  if (operation.error !== null)
    return (
      <div className="page ops">
        <ErrorNote error={operation.error} />
        <Link to="/operations">All operations</Link>
      </div>
    );
  if (operation.data === undefined) return <Loading />;
  const op = operation.data;
  const role = op.role;
  const lead = role === 'lead' || role === 'admin';
  const manage = canManage(role);
  return (
    <div className="page ops">
      <p>
        <Link to="/operations">Operations</Link> ›
      </p>
      <h1>
        {op.name} <span className="muted">{op.code}</span>
      </h1>
      <p>
        Led by {nameOf(op.leadOrg)} · phase <strong>{op.currentPhase}</strong> · your role {role ?? '—'} ·
        defaults <MarkingBadge kind="TLP" level={op.markings.tlp} />{' '}
        {op.markings.pap !== null && <MarkingBadge kind="PAP" level={op.markings.pap} />}{' '}
        {op.markings.handling !== null && <span className="badge">{op.markings.handling}</span>}
      </p>
      {op.description !== null && <p>{op.description}</p>}
      <p className="muted">
        Objects shared with the operation’s sharing group (<code>group:{op.groupId}</code>) reach exactly its
        participants.
      </p>
      <div role="tablist" aria-label="Operation" className="tabs">
        {TABS.map(([key, label]) => (
          <button
            key={key}
            type="button"
            role="tab"
            aria-selected={tab === key}
            onClick={() => {
              setTab(key);
            }}
          >
            {label}
          </button>
        ))}
      </div>
      <div role="tabpanel" aria-label={TABS.find(([k]) => k === tab)?.[1]}>
        {tab === 'overview' && (
          <div className="grid two">
            <ParticipantsPanel operation={op} lead={lead} />
            <PhasesPanel operation={op} lead={lead} />
          </div>
        )}
        {tab === 'targets' && <TargetsPanel operationId={op.id} role={role} orgName={nameOf} />}
        {tab === 'figures' && (
          <>
            <MapPanel operationId={op.id} />
            <KpiPanel operationId={op.id} lead={lead} />
          </>
        )}
        {tab === 'cars' && <CarsPanel operationId={op.id} manage={manage} orgName={nameOf} />}
        {tab === 'contributions' && <ContributorsPanel operationId={op.id} orgName={nameOf} />}
      </div>
    </div>
  );
}
