import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client.js';
import type { Items, SharingGroup } from '../api/types.js';

export const TLP_CHOICES = ['', 'clear', 'green', 'amber', 'amber+strict', 'red'];

/**
 * Where the import goes and which TLP unmarked objects get; empty means the organisation's default.
 * `required` (intake triage): no default offered, both must be chosen, as a marking is a decision.
 */
export function DistributionPicker({
  distribution,
  tlp,
  onChange,
  required = false,
}: {
  distribution: string;
  tlp: string;
  onChange: (next: { distribution: string; tlp: string }) => void;
  required?: boolean;
}) {
  const empty = required ? 'choose…' : 'organisation default';
  const groups = useQuery({
    queryKey: ['groups'],
    queryFn: () => api<Items<SharingGroup>>('/api/v1/groups'),
    retry: false,
  });
  return (
    <div className="row-form">
      <label>
        Distribution
        <select
          required={required}
          value={distribution}
          onChange={(e) => {
            onChange({ distribution: e.target.value, tlp });
          }}
        >
          <option value="">{empty}</option>
          <option value="organisation">my organisation only</option>
          {(groups.data?.items ?? []).map((g) => (
            <option key={g.id} value={`group:${g.id}`}>
              sharing group: {g.name}
            </option>
          ))}
          <option value="community">community</option>
          <option value="public">public</option>
        </select>
      </label>
      <label>
        {required ? 'TLP' : 'TLP for unmarked objects'}
        <select
          required={required}
          value={tlp}
          onChange={(e) => {
            onChange({ distribution, tlp: e.target.value });
          }}
        >
          {TLP_CHOICES.map((t) => (
            <option key={t} value={t}>
              {t === '' ? empty : `TLP:${t.toUpperCase()}`}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
