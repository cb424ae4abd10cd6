import * as echarts from 'echarts';
import type { EChartsOption } from 'echarts';

/** The colours of every server-rendered chart, in series order. */
export const CHART_PALETTE = [
  '#1f4e79',
  '#c0504d',
  '#9bbb59',
  '#8064a2',
  '#4bacc6',
  '#f79646',
  '#2c4d75',
  '#772c2a',
  '#5f7530',
  '#4d3b62',
  '#276a7c',
  '#b65708',
  '#7f7f7f',
];

/**
 * One ECharts option drawn to an SVG string on the server (no DOM, no animation), in the house palette
 * and font, so reports, pages and PDFs show the same drawing and none needs script.
 */
export function echartsSvg(option: EChartsOption, width = 720, height = 300): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({
      animation: false,
      color: CHART_PALETTE,
      textStyle: { fontFamily: 'sans-serif' },
      ...option,
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
