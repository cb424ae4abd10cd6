import type { StixObject } from '../api/types.js';

const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);

/** What to call an object in a list: its name, value or pattern, else its id. */
export function objectLabel(o: StixObject): string {
  return str(o.name) ?? str(o.value) ?? str(o.pattern) ?? str(o.relationship_type) ?? o.id;
}
