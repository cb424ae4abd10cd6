import { createColumnHelper, tableFeatures } from '@tanstack/react-table';
import type { Target } from './types.js';

export const features = tableFeatures({});
const helper = createColumnHelper<typeof features, Target>();

/** Where a target is: country, and for network targets the ASN and its holder; an override is marked. */
export function placeOf(t: Target): string {
  const j = t.jurisdiction;
  if (j.country === null) return '—';
  const asn = j.asn === null ? '' : ` · AS${j.asn}${j.asnHolder === null ? '' : ` ${j.asnHolder}`}`;
  return `${j.country}${asn}`;
}

/** The targets table's columns (selection and the open button are drawn by the table itself). */
export function targetColumns(orgName: (id: string) => string) {
  return helper.columns([
    helper.accessor('value', { header: 'Target' }),
    helper.accessor('kind', { header: 'Kind' }),
    helper.accessor((t) => (t.statusDetail === null ? t.status : `${t.status} (${t.statusDetail})`), {
      id: 'status',
      header: 'Status',
    }),
    helper.accessor((t) => placeOf(t), {
      id: 'jurisdiction',
      header: 'Jurisdiction',
      cell: (info) => {
        const t = info.row.original;
        const reason = t.jurisdiction.overrideReason;
        return (
          <span title={reason === null ? (t.jurisdiction.source ?? '') : `overridden: ${reason}`}>
            {info.getValue()}
            {reason !== null && <span className="badge"> override</span>}
          </span>
        );
      },
    }),
    helper.accessor((t) => t.contributors.map((c) => orgName(c.orgId)).join(', '), {
      id: 'contributors',
      header: 'Contributors (first reporter first)',
    }),
    helper.accessor((t) => t.statusChanged.slice(0, 16).replace('T', ' '), {
      id: 'changed',
      header: 'Status changed',
    }),
  ]);
}
