import { ANONYMOUS } from '../../policy/viewer.js';
import { visibleFilter } from '../../policy/visibility.js';
import { indexedJsonText, jsonText } from '../../store/json-sql.js';
import { visibleCurrent } from '../../store/objects/visible-versions.js';
import type { Store } from '../../store/store.js';
import type { FamilyIndex } from './family-index.js';
import { words } from './note-text.js';

/*
 * The store's public intelligence joined to the family database: only what the anonymous viewer may
 * see (distribution public) is ever read, through the visibility rule like every other read.
 */

export interface PublicMalware {
  id: string;
  name: string;
}

export interface LinkedValue {
  family: number;
  value: string;
  malware: PublicMalware;
}

const MAX_VALUES = 100;

function familiesNamed(index: FamilyIndex, name: string): readonly number[] {
  return index.names.get(words(name, 6).join(' ')) ?? [];
}

/** Public malware objects whose name is one of a family's names, by galaxy UUID. */
export async function publicMalwareOf(
  store: Store,
  index: FamilyIndex,
  families: readonly number[],
): Promise<Map<string, PublicMalware[]>> {
  const out = new Map<string, PublicMalware[]>();
  const byName = new Map<string, number[]>();
  for (const f of families) {
    const fam = index.families[f]!;
    for (const n of [fam.name, ...fam.synonyms]) {
      const key = n.toLowerCase();
      byName.set(key, [...(byName.get(key) ?? []), f]);
    }
  }
  if (byName.size === 0) return out;
  const name = jsonText(store.dialect, 'o.data', 'name');
  const rows = await visibleCurrent(store.db, ANONYMOUS)
    .where('o.type', '=', 'malware')
    .where((eb) => eb(eb.fn('lower', [name]), 'in', [...byName.keys()]))
    .select(['o.id', name.as('name')])
    .limit(200)
    .execute();
  for (const r of rows) {
    for (const f of byName.get((r.name ?? '').toLowerCase()) ?? []) {
      const uuid = index.families[f]!.galaxy_uuid;
      const list = out.get(uuid) ?? [];
      if (!list.some((m) => m.id === r.id)) list.push({ id: r.id, name: r.name ?? '' });
      out.set(uuid, list);
    }
  }
  return out;
}

/**
 * Contact values (e-mail, wallet, onion host) that public objects in the store carry and that public
 * relationships tie to a public malware object named like a family: "partners linked this wallet to X".
 */
export async function linkedValues(
  store: Store,
  index: FamilyIndex,
  values: readonly string[],
): Promise<LinkedValue[]> {
  const wanted = [...new Set(values)].slice(0, MAX_VALUES);
  if (wanted.length === 0) return [];
  const carriers = await store.db
    .selectFrom('observables as ob')
    .innerJoin('objects as o', 'o.seq', 'ob.object_seq')
    .where('ob.value', 'in', wanted)
    .where('ob.kind', 'in', ['email', 'btc', 'domain', 'url'])
    .where('o.deleted', '=', 0)
    .where(visibleFilter(ANONYMOUS, 'o'))
    .select(['o.id', 'ob.value'])
    .distinct()
    .limit(500)
    .execute();
  if (carriers.length === 0) return [];
  const valuesOf = new Map<string, string[]>();
  for (const c of carriers) valuesOf.set(c.id, [...(valuesOf.get(c.id) ?? []), c.value]);
  const ids = [...valuesOf.keys()];
  const source = indexedJsonText(store.dialect, 'o.data', 'source_ref');
  const target = indexedJsonText(store.dialect, 'o.data', 'target_ref');
  const rels = await visibleCurrent(store.db, ANONYMOUS)
    .where('o.type', '=', 'relationship')
    .where((eb) => eb.or([eb(source, 'in', ids), eb(target, 'in', ids)]))
    .select([source.as('source'), target.as('target')])
    .limit(1000)
    .execute();
  const ends = new Map<string, Set<string>>();
  for (const r of rels) {
    if (r.source === null || r.target === null) continue;
    for (const [from, to] of [
      [r.source, r.target],
      [r.target, r.source],
    ] as const)
      if (valuesOf.has(from) && to.startsWith('malware--'))
        ends.set(to, (ends.get(to) ?? new Set()).add(from));
  }
  // The carrier may be the malware object itself (a malware SCO reference is rare, but allowed).
  for (const id of ids) if (id.startsWith('malware--')) ends.set(id, (ends.get(id) ?? new Set()).add(id));
  if (ends.size === 0) return [];
  const name = jsonText(store.dialect, 'o.data', 'name');
  const malware = await visibleCurrent(store.db, ANONYMOUS)
    .where('o.type', '=', 'malware')
    .where('o.id', 'in', [...ends.keys()])
    .select(['o.id', name.as('name')])
    .execute();
  const out: LinkedValue[] = [];
  for (const m of malware) {
    if (m.name === null) continue;
    for (const f of familiesNamed(index, m.name))
      for (const carrier of ends.get(m.id) ?? [])
        for (const value of valuesOf.get(carrier) ?? [])
          out.push({ family: f, value, malware: { id: m.id, name: m.name } });
  }
  return out;
}
