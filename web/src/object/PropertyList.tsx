import type { StixObject } from '../api/types.js';
import { PropertyValue } from './PropertyValue.js';

/** Properties shown first, in this order; everything else follows alphabetically, custom `x_` last. */
const FIRST = [
  'name',
  'description',
  'pattern',
  'pattern_type',
  'value',
  'relationship_type',
  'source_ref',
  'target_ref',
  'sighting_of_ref',
  'indicator_types',
  'malware_types',
  'threat_actor_types',
  'is_family',
  'aliases',
  'labels',
  'valid_from',
  'valid_until',
  'first_seen',
  'last_seen',
  'count',
  'confidence',
  'created',
  'modified',
  'created_by_ref',
];
const HIDDEN = new Set(['type', 'id', 'spec_version']);

export function orderedProperties(object: StixObject): string[] {
  const keys = Object.keys(object).filter((k) => !HIDDEN.has(k));
  const first = FIRST.filter((k) => keys.includes(k));
  const rest = keys
    .filter((k) => !FIRST.includes(k))
    .sort((a, b) => Number(a.startsWith('x_')) - Number(b.startsWith('x_')) || a.localeCompare(b));
  return [...first, ...rest];
}

/** Every property of the object, whatever its type, as a definition list. */
export function PropertyList({ object }: { object: StixObject }) {
  return (
    <dl className="properties">
      {orderedProperties(object).map((key) => (
        <div key={key}>
          <dt>{key.replace(/_/g, ' ')}</dt>
          <dd>
            <PropertyValue name={key} value={object[key]} />
          </dd>
        </div>
      ))}
    </dl>
  );
}
