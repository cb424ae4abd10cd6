import { describe, expect, it } from 'vitest';
import { actionsOption, byJurisdictionOption, byStatusOption } from './kpi-options.js';
import type { Kpis } from './types.js';

const kpis: Kpis = {
  operationId: 'op',
  targets: 5,
  byStatus: { identified: 1, reported: 0, 'action-requested': 2, actioned: 2 },
  byJurisdiction: [
    { country: 'DE', targets: 3, reported: 3, takenDown: 2 },
    { country: null, targets: 2, reported: 1, takenDown: 0 },
  ],
  reported: 4,
  takenDown: 2,
  takedownRate: 0.5,
  actions: { 'taken-down': 2, seized: 0 },
  medianHoursReportToAction: 3,
  cars: { generated: 1, issued: 1, acknowledged: 0 },
  outcomes: {},
};

type Series = { data: unknown[]; name?: string }[];

describe('KPI chart options', () => {
  it('counts every status in life-cycle order, zero for those without targets', () => {
    const series = byStatusOption(kpis).series as Series;
    const values = (series[0]!.data as { value: number }[]).map((d) => d.value).reverse();
    expect(values).toEqual([1, 0, 2, 2, 0, 0]);
  });
  it('names targets without a country, and leaves out actions never taken', () => {
    expect((byJurisdictionOption(kpis).xAxis as { data: string[] }).data).toEqual(['DE', 'unknown']);
    const taken = (byJurisdictionOption(kpis).series as Series).find((s) => s.name === 'taken down');
    expect(taken?.data).toEqual([2, 0]);
    expect((actionsOption(kpis).series as Series)[0]!.data).toEqual([{ name: 'taken-down', value: 2 }]);
  });
});
