import { createColumnHelper, tableFeatures } from '@tanstack/react-table';
import type { Presented } from '../api/types.js';
import { MarkingBadge } from '../common/TlpBadge.js';
import { objectLabel } from '../common/object-label.js';

export const features = tableFeatures({});
const helper = createColumnHelper<typeof features, Presented>();

/** Column widths as CSS grid tracks, in column order (the table is a virtualised CSS grid). */
export const GRID_COLUMNS = '10rem minmax(12rem, 1fr) 8.5rem 12rem 10rem';

/** The result columns; `orgName` turns an owner id into a name. */
export function resultColumns(orgName: (id: string) => string) {
  return helper.columns([
    helper.accessor((row) => row.object.type, { id: 'type', header: 'Type' }),
    helper.accessor((row) => objectLabel(row.object), { id: 'name', header: 'Name' }),
    helper.accessor((row) => row.meta.tlp, {
      id: 'tlp',
      header: 'TLP',
      cell: (info) => <MarkingBadge kind="TLP" level={info.getValue()} />,
    }),
    helper.accessor((row) => row.meta.owner_org, {
      id: 'owner',
      header: 'Organisation',
      cell: (info) => orgName(info.getValue()),
    }),
    helper.accessor(
      (row) => (typeof row.object.modified === 'string' ? row.object.modified : row.meta.date_added),
      {
        id: 'modified',
        header: 'Modified',
        cell: (info) => info.getValue().slice(0, 16).replace('T', ' '),
      },
    ),
  ]);
}
