import { useState } from 'react';
import { useOrganisations } from '../api/use-organisations.js';
import { useWrite } from '../api/use-write.js';
import { ErrorNote } from '../app/ErrorNote.js';
import { keys, operationPath } from './operations-api.js';
import type { Car, CarRecipient } from './types.js';

const HANDLING = ['', 'H0', 'H1', 'H2', 'H3'];

/** One CAR: its document in a sandboxed frame, downloads, dissemination, issue and acknowledge. */
export function CarView({
  car,
  operationId,
  manage,
  myOrg,
  orgName,
}: {
  car: Car;
  operationId: string;
  manage: boolean;
  myOrg: string | undefined;
  orgName: (id: string) => string;
}) {
  const mine = car.recipients.find((r) => r.orgId === myOrg && r.acknowledged === null);
  const ack = useWrite<CarRecipient>([keys.all]);
  return (
    <section className="report-view" aria-label={`CAR ${car.country}`}>
      <h3>CAR {car.country}</h3>
      <p>
        <a href={car.links.bundle} download>
          Download STIX bundle
        </a>
        {car.links.pdf !== null && (
          <>
            {' '}
            ·{' '}
            <a href={car.links.pdf} download>
              Download PDF
            </a>
          </>
        )}{' '}
        ·{' '}
        <a href={car.links.html} target="_blank" rel="noreferrer">
          Open HTML
        </a>
      </p>
      {/* Sandboxed, and served with a CSP that lets nothing run: the CAR is a document, not an app. */}
      <iframe
        title="CAR preview"
        className="report-preview"
        sandbox=""
        src={car.links.html}
        style={{ width: '100%', height: '60vh', border: '1px solid #ccc' }}
      />
      {car.recipients.length > 0 && (
        <table aria-label="Dissemination">
          <thead>
            <tr>
              <th scope="col">Recipient</th>
              <th scope="col">Issued</th>
              <th scope="col">Handling</th>
              <th scope="col">Release authority</th>
              <th scope="col">Acknowledged</th>
            </tr>
          </thead>
          <tbody>
            {car.recipients.map((r) => (
              <tr key={r.orgId}>
                <td>{orgName(r.orgId)}</td>
                <td>{r.issued.slice(0, 16).replace('T', ' ')}</td>
                <td>{r.handling ?? '—'}</td>
                <td>{r.releaseAuthority}</td>
                <td>{r.acknowledged?.slice(0, 16).replace('T', ' ') ?? 'not yet'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {mine !== undefined && (
        <button
          type="button"
          disabled={ack.isPending}
          onClick={() => {
            ack.mutate({ path: `${operationPath(operationId)}/cars/${car.id}/ack`, method: 'POST' });
          }}
        >
          Acknowledge receipt
        </button>
      )}
      {ack.error !== null && <ErrorNote error={ack.error} />}
      {manage && <IssueForm car={car} operationId={operationId} />}
    </section>
  );
}

function IssueForm({ car, operationId }: { car: Car; operationId: string }) {
  const orgs = useOrganisations();
  const [form, setForm] = useState({ recipientOrg: '', releaseAuthority: '', handling: '' });
  const issue = useWrite<CarRecipient>([keys.all]);
  const agencies = (orgs.data?.items ?? []).filter(
    (o) => o.kind === 'law-enforcement' || o.kind === 'cert' || o.kind === 'government',
  );
  const field = (key: keyof typeof form) => (e: { target: { value: string } }) => {
    setForm({ ...form, [key]: e.target.value });
  };
  return (
    <form
      className="card"
      aria-label="Issue CAR"
      onSubmit={(e) => {
        e.preventDefault();
        const body = { ...form, handling: form.handling === '' ? null : form.handling };
        issue.mutate({ path: `${operationPath(operationId)}/cars/${car.id}/issue`, method: 'POST', body });
      }}
    >
      <h4>Issue to a national agency</h4>
      <label>
        Agency{' '}
        <select required value={form.recipientOrg} onChange={field('recipientOrg')}>
          <option value="">choose…</option>
          {agencies.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
              {o.country === null ? '' : ` (${o.country})`}
            </option>
          ))}
        </select>
      </label>{' '}
      <label>
        Release authority{' '}
        <input required maxLength={500} value={form.releaseAuthority} onChange={field('releaseAuthority')} />
      </label>{' '}
      <label>
        Handling{' '}
        <select value={form.handling} onChange={field('handling')}>
          {HANDLING.map((h) => (
            <option key={h} value={h}>
              {h === '' ? 'none' : h}
            </option>
          ))}
        </select>
      </label>{' '}
      <button type="submit" disabled={issue.isPending}>
        Issue CAR
      </button>
      {issue.isSuccess && <span role="status"> Issued; recorded in the audit log.</span>}
      {issue.error !== null && <ErrorNote error={issue.error} />}
    </form>
  );
}
