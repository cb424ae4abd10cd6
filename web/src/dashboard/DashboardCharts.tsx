import { useMemo } from 'react';
import type { Dashboard } from '../api/types.js';
import { EChart } from './EChart.js';
import { byTlpOption, byTypeOption, intakeOption, topOption } from './chart-options.js';

/** The dashboard's four charts; loaded lazily so ECharts stays out of the first bundle. */
export default function DashboardCharts({ data }: { data: Dashboard }) {
  const options = useMemo(
    () => ({
      type: byTypeOption(data),
      tlp: byTlpOption(data),
      intake: intakeOption(data),
      top: topOption(data),
    }),
    [data],
  );
  return (
    <div className="grid charts">
      <section className="card">
        <h2>Objects by type</h2>
        <EChart option={options.type} label="Bar chart of objects by type" />
      </section>
      <section className="card">
        <h2>Objects by TLP</h2>
        <EChart option={options.tlp} label="Pie chart of objects by TLP" />
      </section>
      <section className="card wide">
        <h2>Intake per day and contributor (30 days)</h2>
        <EChart option={options.intake} label="Stacked bars of objects added per day per organisation" />
      </section>
      <section className="card">
        <h2>Top malware families and threat actors</h2>
        <EChart option={options.top} label="Bar chart of the most connected malware and threat actors" />
      </section>
    </div>
  );
}
