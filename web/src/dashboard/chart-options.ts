import type { Dashboard } from '../api/types.js';
import type { EChartsCoreOption } from './echarts.js';

/** TLP colours from the FIRST TLP 2.0 standard. */
export const TLP_COLOURS: Record<string, string> = {
  clear: '#bdbdbd',
  green: '#33ff00',
  amber: '#ffc000',
  'amber+strict': '#ffc000',
  red: '#ff2b2b',
  none: '#7a8699',
};

export function byTypeOption(d: Dashboard): EChartsCoreOption {
  const rows = d.by_type.slice(0, 15).reverse();
  return {
    tooltip: {},
    grid: { left: 120, right: 16, top: 8, bottom: 24 },
    xAxis: { type: 'value' },
    yAxis: { type: 'category', data: rows.map((r) => r.type) },
    series: [{ type: 'bar', data: rows.map((r) => r.count), itemStyle: { color: '#3b82f6' } }],
  };
}

export function byTlpOption(d: Dashboard): EChartsCoreOption {
  return {
    tooltip: { trigger: 'item' },
    legend: { bottom: 0 },
    series: [
      {
        type: 'pie',
        radius: ['40%', '70%'],
        data: d.by_tlp.map((t) => ({
          name: `TLP:${t.tlp.toUpperCase()}`,
          value: t.count,
          itemStyle: { color: TLP_COLOURS[t.tlp] ?? '#7a8699' },
        })),
      },
    ],
  };
}

export function intakeOption(d: Dashboard): EChartsCoreOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0, type: 'scroll' },
    grid: { left: 48, right: 16, top: 16, bottom: 48 },
    xAxis: { type: 'category', data: d.intake.days.map((day) => day.slice(5)) },
    yAxis: { type: 'value' },
    series: d.intake.series.map((s) => ({ type: 'bar', stack: 'intake', name: s.name, data: s.counts })),
  };
}

export function topOption(d: Dashboard): EChartsCoreOption {
  const rows = [...d.top].reverse();
  return {
    tooltip: {},
    grid: { left: 140, right: 16, top: 8, bottom: 24 },
    xAxis: { type: 'value', name: 'relationships' },
    yAxis: { type: 'category', data: rows.map((r) => r.name) },
    series: [
      {
        type: 'bar',
        data: rows.map((r) => ({
          value: r.relationships,
          itemStyle: { color: r.type === 'malware' ? '#ef4444' : '#8b5cf6' },
        })),
      },
    ],
  };
}
