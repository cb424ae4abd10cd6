import { useState } from 'react';
import { useWrite } from '../api/use-write.js';
import { ErrorNote } from '../app/ErrorNote.js';
import { keys, operationPath } from './operations-api.js';
import type { OperationDetail, Phase } from './types.js';
import { PHASES } from './types.js';

type Dates = Record<Phase, { starts: string; ends: string }>;

const day = (iso: string | null) => (iso === null ? '' : iso.slice(0, 10));
const iso = (d: string) => (d === '' ? null : `${d}T00:00:00.000Z`);

function datesOf(op: OperationDetail): Dates {
  return Object.fromEntries(
    PHASES.map((phase) => {
      const p = op.phases.find((x) => x.phase === phase);
      return [phase, { starts: day(p?.starts ?? null), ends: day(p?.ends ?? null) }];
    }),
  ) as Dates;
}

/** The operation's phases with their dates; the current one is marked; the lead edits the dates. */
export function PhasesPanel({ operation, lead }: { operation: OperationDetail; lead: boolean }) {
  const [draft, setDraft] = useState<Dates | null>(null);
  const save = useWrite<OperationDetail>([keys.all]);
  const dates = draft ?? datesOf(operation);
  const set = (phase: Phase, end: 'starts' | 'ends') => (e: { target: { value: string } }) => {
    setDraft({ ...dates, [phase]: { ...dates[phase], [end]: e.target.value } });
  };
  return (
    <section className="card" aria-labelledby="phases-heading">
      <h2 id="phases-heading">Phases</h2>
      <table aria-label="Phases">
        <thead>
          <tr>
            <th scope="col">Phase</th>
            <th scope="col">Starts</th>
            <th scope="col">Ends</th>
          </tr>
        </thead>
        <tbody>
          {PHASES.map((phase) => (
            <tr key={phase} aria-current={phase === operation.currentPhase ? 'step' : undefined}>
              <td>
                {phase}
                {phase === operation.currentPhase && <span className="badge"> current</span>}
              </td>
              {(['starts', 'ends'] as const).map((end) => (
                <td key={end}>
                  {lead ? (
                    <input
                      type="date"
                      aria-label={`${phase} ${end}`}
                      value={dates[phase][end]}
                      onChange={set(phase, end)}
                    />
                  ) : (
                    dates[phase][end] || '—'
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {lead && (
        <button
          type="button"
          disabled={draft === null || save.isPending}
          onClick={() => {
            const phases = PHASES.map((phase) => ({
              phase,
              starts: iso(dates[phase].starts),
              ends: iso(dates[phase].ends),
            }));
            save.mutate(
              { path: operationPath(operation.id), method: 'PATCH', body: { phases } },
              {
                onSuccess: () => {
                  setDraft(null);
                },
              },
            );
          }}
        >
          Save phases
        </button>
      )}
      {save.error !== null && <ErrorNote error={save.error} />}
    </section>
  );
}
