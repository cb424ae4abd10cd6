import type { BarSeriesOption, PieSeriesOption } from 'echarts';
import { echartsSvg } from '../../render/echarts-svg.js';
import { renderWorldMapSvg } from '../../render/world-map.js';
import type { Cell, LandscapeFigures } from './figures.js';

/**
 * The report's charts as SVG, rendered on the server by ECharts (the dashboard's chart library), so
 * the web page, the HTML download and the PDF show the same drawings and none needs script.
 */
export interface ReportCharts {
  volume: string;
  categories: string;
  malware: string | null;
  threatActors: string | null;
  sectors: string | null;
  countries: string | null;
  /** Choropleths of victims and of hosting; null when no country has an (unsuppressed) count. */
  victimsMap: string | null;
  infrastructureMap: string | null;
  tlp: string | null;
}

const svg = echartsSvg;

const values = (cells: Cell[]) => cells.map((c) => c ?? null);

function bars(title: string, rows: Array<{ name: string; count: Cell }>): string | null {
  const shown = rows
    .filter((r) => r.count !== null)
    .slice(0, 12)
    .reverse();
  if (shown.length === 0) return null;
  const bar: BarSeriesOption = {
    type: 'bar',
    data: shown.map((r) => r.count),
    label: { show: true, position: 'right' },
  };
  return svg(
    {
      title: { text: title, textStyle: { fontSize: 14 } },
      grid: { left: 160, right: 40, top: 40, bottom: 30 },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: {
        type: 'category',
        data: shown.map((r) => r.name),
        axisLabel: { width: 150, overflow: 'truncate' },
      },
      series: [bar],
    },
    720,
    Math.max(160, 40 + shown.length * 24),
  );
}

export function reportCharts(f: LandscapeFigures): ReportCharts {
  const cats = f.volume.categories.filter((c) => (c.total ?? 0) > 0);
  return {
    volume: svg({
      title: { text: 'Objects and indicators per period', textStyle: { fontSize: 14 } },
      legend: { top: 24 },
      grid: { left: 60, right: 20, top: 60, bottom: 30 },
      xAxis: { type: 'category', data: f.period.buckets },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: 'Objects', type: 'bar', data: values(f.volume.objects) },
        { name: 'Indicators', type: 'line', data: values(f.volume.indicators) },
      ],
    }),
    categories: svg(
      {
        title: { text: 'Objects by threat category', textStyle: { fontSize: 14 } },
        legend: { top: 24, type: 'scroll' },
        grid: { left: 60, right: 20, top: 70, bottom: 30 },
        xAxis: { type: 'category', data: f.period.buckets },
        yAxis: { type: 'value', minInterval: 1 },
        series: cats.map((c) => ({ name: c.title, type: 'bar', stack: 'all', data: values(c.objects) })),
      },
      720,
      340,
    ),
    malware: bars('Most reported malware families', f.rankings.malware),
    threatActors: bars('Most reported threat actors', f.rankings.threat_actors),
    sectors: bars(
      'Victims by sector',
      f.geography.victims_by_sector.map((s) => ({ name: s.sector, count: s.count })),
    ),
    countries: bars(
      'Victims by country',
      f.geography.victims_by_country.map((c) => ({ name: c.country, count: c.count })),
    ),
    victimsMap: worldMap(f.geography.victims_by_country, 'Victims'),
    infrastructureMap: worldMap(f.geography.infrastructure_by_country ?? [], 'Addresses'),
    tlp: f.quality.tlp.length === 0 ? null : tlpPie(f),
  };
}

function tlpPie(f: LandscapeFigures): string {
  const pie: PieSeriesOption = {
    type: 'pie',
    radius: ['35%', '65%'],
    data: f.quality.tlp.map((t) => ({ name: `TLP:${t.tlp.toUpperCase()}`, value: t.count ?? 0 })),
    label: { formatter: '{b}: {c}' },
  };
  return svg(
    { title: { text: 'TLP of the period’s objects', textStyle: { fontSize: 14 } }, series: [pie] },
    480,
    260,
  );
}

/** Only cells that are shown (in the CLEAR variant, unsuppressed ones) reach the map. */
function worldMap(rows: Array<{ country: string; count: Cell }>, label: string): string | null {
  const counts: Record<string, number> = {};
  for (const r of rows) if (r.count !== null && r.count > 0) counts[r.country] = r.count;
  return Object.keys(counts).length === 0 ? null : renderWorldMapSvg(counts, { label });
}
