import { useMemo } from 'react';
import { EChart } from '../dashboard/EChart.js';
import { actionsOption, byJurisdictionOption, byStatusOption } from './kpi-options.js';
import type { Kpis } from './types.js';

/** The operation's charts; loaded lazily so ECharts stays out of the first bundle. */
export default function KpiCharts({ kpis }: { kpis: Kpis }) {
  const options = useMemo(
    () => ({
      status: byStatusOption(kpis),
      jurisdiction: byJurisdictionOption(kpis),
      actions: actionsOption(kpis),
    }),
    [kpis],
  );
  return (
    <div className="grid charts">
      <section className="card">
        <h3>Targets by status</h3>
        <EChart option={options.status} label="Bar chart of targets by status" />
      </section>
      <section className="card">
        <h3>Actions taken</h3>
        <EChart option={options.actions} label="Pie chart of actioned targets by action" />
      </section>
      <section className="card wide">
        <h3>By jurisdiction</h3>
        <EChart
          option={options.jurisdiction}
          label="Bars of targets, reported and taken down per jurisdiction"
        />
      </section>
    </div>
  );
}
