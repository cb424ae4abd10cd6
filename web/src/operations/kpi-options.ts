import type { EChartsCoreOption } from '../dashboard/echarts.js';
import type { Kpis } from './types.js';
import { TARGET_STATUSES } from './types.js';

const STATUS_COLOURS: Record<string, string> = {
  identified: '#94a3b8',
  reported: '#3b82f6',
  'action-requested': '#f59e0b',
  actioned: '#22c55e',
  'not-actioned': '#ef4444',
  'outcome-confirmed': '#8b5cf6',
};

/** Targets per status, in life-cycle order. */
export function byStatusOption(k: Kpis): EChartsCoreOption {
  return {
    tooltip: {},
    grid: { left: 130, right: 16, top: 8, bottom: 24 },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: [...TARGET_STATUSES].reverse() },
    series: [
      {
        type: 'bar',
        data: [...TARGET_STATUSES].reverse().map((s) => ({
          value: k.byStatus[s] ?? 0,
          itemStyle: { color: STATUS_COLOURS[s] },
        })),
      },
    ],
  };
}

/** Targets, reported and taken down per jurisdiction (the 15 with most targets). */
export function byJurisdictionOption(k: Kpis): EChartsCoreOption {
  const rows = k.byJurisdiction.slice(0, 15);
  return {
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0 },
    grid: { left: 40, right: 16, top: 16, bottom: 48 },
    xAxis: { type: 'category', data: rows.map((r) => r.country ?? 'unknown') },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { type: 'bar', name: 'targets', data: rows.map((r) => r.targets), itemStyle: { color: '#94a3b8' } },
      { type: 'bar', name: 'reported', data: rows.map((r) => r.reported), itemStyle: { color: '#3b82f6' } },
      {
        type: 'bar',
        name: 'taken down',
        data: rows.map((r) => r.takenDown),
        itemStyle: { color: '#22c55e' },
      },
    ],
  };
}

/** How actioned targets were actioned. */
export function actionsOption(k: Kpis): EChartsCoreOption {
  return {
    tooltip: { trigger: 'item' },
    legend: { bottom: 0 },
    series: [
      {
        type: 'pie',
        radius: ['40%', '70%'],
        data: Object.entries(k.actions)
          .filter(([, n]) => n > 0)
          .map(([name, value]) => ({ name, value })),
      },
    ],
  };
}
