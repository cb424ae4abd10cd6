import { useState } from 'react';
import { useWrite } from '../api/use-write.js';
import { ErrorNote } from '../app/ErrorNote.js';
import { DistributionPicker } from '../import/DistributionPicker.js';
import { INBOX, INBOX_KEY } from './intake-api.js';
import type { PromoteResult } from './intake-api.js';

/**
 * What the analyst does with the selected reports: promote them to indicators with a TLP and a
 * distribution chosen here (no default: a marking is a decision), or mark them benign. The server
 * checks everything again (the write rules, TLP against distribution) and changes nothing on refusal.
 */
export function TriageActions({ selected, onDone }: { selected: readonly string[]; onDone: () => void }) {
  const [tlp, setTlp] = useState('');
  const [distribution, setDistribution] = useState('');
  const [asked, setAsked] = useState(0);
  const promote = useWrite<PromoteResult>([INBOX_KEY]);
  const benign = useWrite<{ marked: number }>([INBOX_KEY]);
  const none = selected.length === 0;
  const busy = promote.isPending || benign.isPending;
  const created = promote.data?.indicators.filter((i) => i.status === 'created').length ?? 0;
  return (
    <section className="card triage-actions" aria-label="Triage the selected reports">
      <p>
        <strong data-testid="selected-count">
          {selected.length} report{selected.length === 1 ? '' : 's'} selected
        </strong>
        {none && <span className="muted"> — select groups or reports below.</span>}
      </p>
      <form
        className="row-form"
        aria-label="Promote to indicators"
        onSubmit={(e) => {
          e.preventDefault();
          benign.reset();
          promote.mutate(
            { path: `${INBOX}/promote`, method: 'POST', body: { reports: selected, tlp, distribution } },
            { onSuccess: onDone },
          );
        }}
      >
        <DistributionPicker
          required
          distribution={distribution}
          tlp={tlp}
          onChange={(next) => {
            setDistribution(next.distribution);
            setTlp(next.tlp);
          }}
        />
        <button type="submit" disabled={none || busy || tlp === '' || distribution === ''}>
          Promote to indicators
        </button>
        <button
          type="button"
          className="ghost"
          disabled={none || busy}
          onClick={() => {
            promote.reset();
            setAsked(selected.length);
            benign.mutate(
              { path: `${INBOX}/benign`, method: 'POST', body: { reports: selected } },
              { onSuccess: onDone },
            );
          }}
        >
          Mark benign
        </button>
      </form>
      {promote.data !== undefined && (
        <p role="status" className="ok">
          Promoted {promote.data.reports} report{promote.data.reports === 1 ? '' : 's'}:{' '}
          {promote.data.indicators.length} indicator{promote.data.indicators.length === 1 ? '' : 's'} (
          {created} new, {promote.data.indicators.length - created} already known).
        </p>
      )}
      {benign.data !== undefined && (
        <p role="status" className="ok">
          Marked {benign.data.marked} report{benign.data.marked === 1 ? '' : 's'} benign
          {benign.data.marked < asked ? ' (promoted reports stay promoted)' : ''}.
        </p>
      )}
      {promote.error !== null && <ErrorNote error={promote.error} />}
      {benign.error !== null && <ErrorNote error={benign.error} />}
    </section>
  );
}
