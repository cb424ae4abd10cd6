import * as echarts from 'echarts';
import type { MapSeriesOption, VisualMapComponentOption } from 'echarts';
import { echartsSvg } from './echarts-svg.js';
import { escapeHtml } from './escape-html.js';
import { worldGeometry } from './world-geometry.js';

export interface WorldMapOptions {
  /** Shown above the map; none by default. */
  title?: string;
  /** What a count counts, for the legend and each country's tooltip title ("Victims"). */
  label?: string;
  width?: number;
  height?: number;
}

const MAP = 'accord-world';
const BLANK = '#eef1f5';
// From an empty count (never drawn) up to the largest, so a lone or smallest count is still clearly shaded.
const SCALE = ['#dbe7f3', '#7fa7cf', '#1f4e79'];

let registered = false;
function register(): void {
  if (registered) return;
  echarts.registerMap(MAP, worldGeometry() as unknown as Parameters<typeof echarts.registerMap>[1]);
  registered = true;
}

/**
 * A world choropleth of counts per ISO 3166-1 alpha-2 country, as a self-contained SVG string drawn by
 * ECharts on the server like every other chart. Countries with a positive count are shaded on one
 * scale from the smallest to the largest count; the others stay blank. Each country's path carries
 * `data-iso` (its code), and `data-count` when it has one, and a `<title>` naming it, so the drawing
 * can be read by tests and screen readers alike. Codes the geometry does not hold (small states below
 * the 1:110m scale, such as SG or MT) are not drawn; keep a table beside the map.
 */
export function renderWorldMapSvg(counts: Record<string, number>, opts: WorldMapOptions = {}): string {
  register();
  const width = opts.width ?? 720;
  const height = opts.height ?? Math.round(width * 0.46);
  const label = opts.label ?? 'Count';
  const byIso = new Map<string, number>();
  for (const [code, n] of Object.entries(counts))
    if (Number.isFinite(n) && n > 0) byIso.set(code.toUpperCase(), (byIso.get(code.toUpperCase()) ?? 0) + n);
  const features = worldGeometry().features;
  // One data item per feature, in feature order, so a path's data index names its country.
  const data = features.map((f) => ({
    name: f.properties.name,
    value: (f.properties.iso !== '' ? byIso.get(f.properties.iso) : undefined) ?? Number.NaN,
  }));
  const shown = data.map((d) => d.value).filter((v) => !Number.isNaN(v));
  const series: MapSeriesOption = {
    type: 'map',
    map: MAP,
    nameProperty: 'name',
    roam: false,
    left: 0,
    right: 0,
    top: opts.title === undefined ? 4 : 32,
    bottom: shown.length > 0 ? 44 : 4,
    itemStyle: { areaColor: BLANK, borderColor: '#9aa3ad', borderWidth: 0.4 },
    label: { show: false },
    data,
  };
  const visualMap: VisualMapComponentOption[] =
    shown.length === 0
      ? []
      : [
          {
            type: 'continuous',
            min: 0,
            max: Math.max(...shown),
            inRange: { color: SCALE },
            orient: 'horizontal',
            left: 'center',
            bottom: 4,
            itemWidth: 12,
            itemHeight: 160,
            calculable: false,
            text: [String(Math.max(...shown)), `${label}: 0`],
            textStyle: { fontSize: 11 },
          },
        ];
  const svg = echartsSvg(
    {
      ...(opts.title === undefined ? {} : { title: { text: opts.title, textStyle: { fontSize: 14 } } }),
      visualMap,
      series: [series],
    },
    width,
    height,
  );
  return annotate(svg, features, byIso, label);
}

/** Names each country's path: code, count and a tooltip title. */
function annotate(
  svg: string,
  features: ReturnType<typeof worldGeometry>['features'],
  byIso: Map<string, number>,
  label: string,
): string {
  return svg.replace(
    /<path([^>]*?) ecmeta_series_index="0" ecmeta_data_index="(\d+)"([^>]*)><\/path>/g,
    (whole, before: string, index: string, after: string) => {
      const f = features[Number(index)];
      if (f === undefined) return whole;
      const { iso, name } = f.properties;
      const n = iso === '' ? undefined : byIso.get(iso);
      const title = n === undefined ? name : `${name}: ${label.toLowerCase()} ${n.toLocaleString('en-GB')}`;
      return `<path${before} data-iso="${escapeHtml(iso)}"${n === undefined ? '' : ` data-count="${n}"`}${after}><title>${escapeHtml(title)}</title></path>`;
    },
  );
}
