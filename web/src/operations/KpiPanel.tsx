import { Suspense, lazy, useState } from 'react';
import { useWrite } from '../api/use-write.js';
import { ErrorNote } from '../app/ErrorNote.js';
import { Loading } from '../app/Loading.js';
import { keys, operationPath, useKpis } from './operations-api.js';
import type { Kpis } from './types.js';

const KpiCharts = lazy(() => import('./KpiCharts.js'));
const OUTCOMES = [
  ['arrests', 'Arrests'],
  ['searches', 'House searches'],
  ['seizures', 'Seizures'],
  ['notifications', 'Victim notifications'],
  ['assetsFrozenEur', 'Assets frozen (EUR)'],
] as const;

const percent = (r: number | null) => (r === null ? '—' : `${Math.round(r * 100)} %`);

/** The operation's figures: status and jurisdiction counts, take-down rate, time to action, outcomes. */
export function KpiPanel({ operationId, lead }: { operationId: string; lead: boolean }) {
  const kpis = useKpis(operationId);
  if (kpis.error !== null) return <ErrorNote error={kpis.error} />;
  if (kpis.data === undefined) return <Loading />;
  const k = kpis.data;
  const figures: [string, string | number][] = [
    ['Targets', k.targets],
    ['Reported', k.reported],
    ['Taken down', k.takenDown],
    ['Take-down rate', percent(k.takedownRate)],
    [
      'Median report → action',
      k.medianHoursReportToAction === null ? '—' : `${k.medianHoursReportToAction.toFixed(1)} h`,
    ],
    [
      'CARs generated / issued / acknowledged',
      `${k.cars.generated} / ${k.cars.issued} / ${k.cars.acknowledged}`,
    ],
    ...OUTCOMES.map(([key, label]): [string, number] => [label, k.outcomes[key] ?? 0]),
  ];
  return (
    <section aria-labelledby="kpi-heading">
      <h2 id="kpi-heading">Figures</h2>
      <dl className="kpis" data-testid="kpis">
        {figures.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <Suspense fallback={<Loading />}>
        <KpiCharts kpis={k} />
      </Suspense>
      {lead && <OutcomesForm operationId={operationId} kpis={k} />}
    </section>
  );
}

function OutcomesForm({ operationId, kpis }: { operationId: string; kpis: Kpis }) {
  const [draft, setDraft] = useState<Record<string, number>>(kpis.outcomes);
  const save = useWrite([keys.all]);
  return (
    <form
      className="card"
      aria-label="Outcomes"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({ path: `${operationPath(operationId)}/outcomes`, method: 'PUT', body: draft });
      }}
    >
      <h3>Outcomes entered by the lead</h3>
      {OUTCOMES.map(([key, label]) => (
        <label key={key}>
          {label}{' '}
          <input
            type="number"
            min={0}
            value={draft[key] ?? 0}
            onChange={(e) => {
              setDraft({ ...draft, [key]: Number(e.target.value) });
            }}
          />{' '}
        </label>
      ))}
      <button type="submit" disabled={save.isPending}>
        Save outcomes
      </button>
      {save.error !== null && <ErrorNote error={save.error} />}
    </form>
  );
}
