import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { api } from '../api/client.js';
import { useWrite } from '../api/use-write.js';
import { ErrorNote } from '../app/ErrorNote.js';
import { keys, operationPath } from './operations-api.js';
import { placeOf } from './target-columns.js';
import type { Interest, TargetDetail } from './types.js';

/** One target: where it is (with an audited override), its history, and interest elsewhere. */
export function TargetDetailPanel({
  operationId,
  targetId,
  manage,
  orgName,
  onClose,
}: {
  operationId: string;
  targetId: string;
  manage: boolean;
  orgName: (id: string) => string;
  onClose: () => void;
}) {
  const path = `${operationPath(operationId)}/targets/${targetId}`;
  const detail = useQuery({
    queryKey: [...keys.targets(operationId), 'detail', targetId],
    queryFn: () => api<TargetDetail>(path),
  });
  const t = detail.data;
  return (
    <section className="card" aria-label="Target detail">
      <button type="button" className="link" style={{ float: 'right' }} onClick={onClose}>
        Close
      </button>
      {detail.error !== null && <ErrorNote error={detail.error} />}
      {t !== undefined && (
        <>
          <h3>
            {t.value} <span className="muted">({t.kind})</span>
          </h3>
          <p>
            Jurisdiction: <strong data-testid="target-jurisdiction">{placeOf(t)}</strong>{' '}
            <span className="muted">
              {t.jurisdiction.overrideReason === null
                ? `from ${t.jurisdiction.source ?? 'nothing yet'}`
                : `overridden: ${t.jurisdiction.overrideReason}`}
            </span>
          </p>
          {manage && <OverrideForm path={path} />}
          <InterestCheck path={path} known={t.otherOperations} />
          <h4>History</h4>
          <ol className="history">
            {t.history.map((h) => (
              <li key={`${h.at}-${h.to}`}>
                {h.at.slice(0, 16).replace('T', ' ')}: {h.from ?? 'new'} → <strong>{h.to}</strong>
                {h.detail !== null && ` (${h.detail})`} by{' '}
                {h.actorOrg === null ? h.actor : orgName(h.actorOrg)}
                {h.note !== null && ` — ${h.note}`}
                {h.evidence.length > 0 && ` · evidence: ${h.evidence.join(', ')}`}
              </li>
            ))}
          </ol>
          {t.stixRefs.length > 0 && (
            <p>
              Behind it:{' '}
              {t.stixRefs.map((ref) => (
                <Link key={ref} to="/objects/$id" params={{ id: ref }}>
                  {ref.split('--')[0]}{' '}
                </Link>
              ))}
            </p>
          )}
        </>
      )}
    </section>
  );
}

function OverrideForm({ path }: { path: string }) {
  const [country, setCountry] = useState('');
  const [reason, setReason] = useState('');
  const save = useWrite([keys.all]);
  return (
    <form
      aria-label="Override jurisdiction"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({ path: `${path}/jurisdiction`, method: 'PUT', body: { country, reason } });
      }}
    >
      <label>
        Country{' '}
        <input
          required
          size={3}
          pattern="[A-Za-z]{2}"
          value={country}
          onChange={(e) => {
            setCountry(e.target.value.toUpperCase());
          }}
        />
      </label>{' '}
      <label>
        Reason{' '}
        <input
          required
          minLength={3}
          value={reason}
          onChange={(e) => {
            setReason(e.target.value);
          }}
        />
      </label>{' '}
      <button type="submit" disabled={save.isPending}>
        Override jurisdiction
      </button>
      {save.isSuccess && <span role="status"> Saved (audited).</span>}
      {save.error !== null && <ErrorNote error={save.error} />}
    </form>
  );
}

/**
 * Interest elsewhere: the same target in other operations the user may see (known at once), and a
 * deconfliction check run on request only: a check counts against the rate limit and may notify the
 * interest's holder.
 */
function InterestCheck({ path, known }: { path: string; known: TargetDetail['otherOperations'] }) {
  const [asked, setAsked] = useState(false);
  const interest = useQuery({
    queryKey: ['interest', path],
    queryFn: () => api<Interest>(`${path}/interest`),
    enabled: asked,
  });
  const others = interest.data?.operations ?? known;
  return (
    <div data-testid="interest">
      <p>
        {others.length === 0 ? (
          'No other operation you can see holds this target.'
        ) : (
          <span className="badge">
            Interest elsewhere: {others.map((o) => `${o.code} (${o.status})`).join(', ')}
          </span>
        )}
      </p>
      {!asked && (
        <button
          type="button"
          onClick={() => {
            setAsked(true);
          }}
        >
          Check deconfliction
        </button>
      )}
      {interest.data !== undefined && (
        <p role="status">
          Deconfliction: <strong>{interest.data.deconfliction.status}</strong>
          {interest.data.deconfliction.contacts.length > 0 &&
            ` — contact ${interest.data.deconfliction.contacts.join(', ')}`}
        </p>
      )}
      {interest.error !== null && <ErrorNote error={interest.error} />}
    </div>
  );
}
