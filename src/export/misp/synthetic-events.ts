import { ACCORD_NAMESPACE, uuidv5 } from '../../ingest/accord-id.js';
import type { StixObject } from '../../stix/types.js';
import type { MispEventDocument } from './misp-format.js';
import type { ToMispOptions } from './to-misp-event.js';
import { toMispEvent } from './to-misp-event.js';

/**
 * MISP only knows events; objects that no report contains are gathered into one synthetic event per
 * owner organisation (`created_by_ref`) and UTC day of `modified`. Its uuid is a UUIDv5 of owner and
 * day, so the same objects always land in the same event and a feed stays stable between runs.
 * `ownerName` names the organisation in the event's info line.
 */
export function syntheticMispEvents(
  orphans: readonly StixObject[],
  related: readonly StixObject[],
  opts: ToMispOptions & { ownerName?: (identityId: string) => string | undefined } = {},
): MispEventDocument[] {
  const groups = new Map<string, { owner: string; day: string; ids: string[]; modified: string }>();
  for (const o of orphans) {
    const owner = o.created_by_ref ?? 'unknown';
    const modified = o.modified ?? o.created ?? '1970-01-01T00:00:00.000Z';
    const day = modified.slice(0, 10);
    const key = `${owner}\u0000${day}`;
    const g = groups.get(key) ?? { owner, day, ids: [], modified };
    g.ids.push(o.id);
    if (modified > g.modified) g.modified = modified;
    groups.set(key, g);
  }
  const all = [...orphans, ...related];
  return [...groups.values()]
    .sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.owner < b.owner ? -1 : 1))
    .map((g) => {
      const uuid = uuidv5(`misp-synthetic-event\u0000${g.owner}\u0000${g.day}`, ACCORD_NAMESPACE);
      const name = opts.ownerName?.(g.owner) ?? g.owner;
      const report: StixObject = {
        type: 'report',
        spec_version: '2.1',
        id: `report--${uuid}`,
        created: `${g.day}T00:00:00.000Z`,
        modified: g.modified,
        ...(g.owner === 'unknown' ? {} : { created_by_ref: g.owner }),
        name: `Accord: objects shared by ${name} on ${g.day}`,
        published: g.modified,
        report_types: ['threat-report'],
        object_refs: g.ids,
        x_misp_date: g.day,
      };
      return toMispEvent(report, all, opts);
    });
}
