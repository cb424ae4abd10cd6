/** References that would tie every node to a handful of hubs (the author, the TLP marking): not drawn. */
const SKIP = new Set(['created_by_ref', 'object_marking_refs']);

export interface Ref {
  key: string;
  id: string;
}

/** The top-level `*_ref` / `*_refs` properties of an object, as (property, id) pairs. */
export function refsOf(object: Record<string, unknown>): Ref[] {
  const out: Ref[] = [];
  for (const [key, value] of Object.entries(object)) {
    if (SKIP.has(key)) continue;
    if (key.endsWith('_ref') && typeof value === 'string') out.push({ key, id: value });
    else if (key.endsWith('_refs') && Array.isArray(value))
      for (const v of value) if (typeof v === 'string') out.push({ key, id: v });
  }
  return out;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** A short human label for a node: its name, value or pattern, else its type. */
export function nodeLabel(object: Record<string, unknown>): string {
  const label =
    str(object.name) ??
    str(object.value) ??
    str(object.pattern) ??
    str(object.path) ??
    str(object.user_id) ??
    (typeof object.type === 'string' ? object.type : 'object');
  return label.length > 80 ? `${label.slice(0, 77)}...` : label;
}
