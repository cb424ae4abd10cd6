import type { StylesheetJson } from 'cytoscape';

const TYPE_COLOURS: Record<string, string> = {
  malware: '#ef4444',
  'threat-actor': '#8b5cf6',
  'intrusion-set': '#a855f7',
  indicator: '#3b82f6',
  sighting: '#f59e0b',
  report: '#10b981',
  campaign: '#ec4899',
  identity: '#64748b',
};

export function graphStyle(dark: boolean): StylesheetJson {
  const text = dark ? '#e5e7eb' : '#1f2937';
  return [
    {
      selector: 'node',
      style: {
        label: 'data(label)',
        'font-size': 10,
        // Labels disappear when zoomed out on a large graph, instead of piling up.
        'min-zoomed-font-size': 7,
        color: text,
        'text-valign': 'bottom',
        'text-margin-y': 4,
        'text-max-width': '140px',
        'text-wrap': 'ellipsis',
        width: 22,
        height: 22,
        'background-color': '#94a3b8',
      },
    },
    ...Object.entries(TYPE_COLOURS).map(([type, colour]) => ({
      selector: `node[type = "${type}"]`,
      style: { 'background-color': colour },
    })),
    { selector: 'node.root', style: { 'border-width': 3, 'border-color': text, width: 30, height: 30 } },
    {
      selector: 'node.expanded',
      style: { 'border-width': 2, 'border-style': 'dashed', 'border-color': text },
    },
    {
      selector: 'edge',
      style: {
        width: 1.5,
        'curve-style': 'bezier',
        'target-arrow-shape': 'triangle',
        'line-color': dark ? '#64748b' : '#94a3b8',
        'target-arrow-color': dark ? '#64748b' : '#94a3b8',
        label: 'data(label)',
        'font-size': 8,
        'min-zoomed-font-size': 7,
        color: text,
        'text-rotation': 'autorotate',
      },
    },
    { selector: 'edge[kind = "ref"]', style: { 'line-style': 'dashed' } },
  ];
}
