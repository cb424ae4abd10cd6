import { useEffect, useRef } from 'react';
import { echarts } from './echarts.js';
import type { EChartsCoreOption } from './echarts.js';

/** One ECharts chart in a sized box; `label` names it for screen readers (the data is also in a table). */
export function EChart({
  option,
  label,
  height = 260,
}: {
  option: EChartsCoreOption;
  label: string;
  height?: number;
}) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = box.current;
    if (element === null) return;
    const dark = document.documentElement.dataset.theme === 'dark';
    const chart = echarts.init(element, dark ? 'dark' : undefined, { renderer: 'svg' });
    chart.setOption({ backgroundColor: 'transparent', ...option });
    const resize = new ResizeObserver(() => {
      chart.resize();
    });
    resize.observe(element);
    return () => {
      resize.disconnect();
      chart.dispose();
    };
  }, [option]);
  return <div ref={box} role="img" aria-label={label} style={{ height, width: '100%' }} />;
}
