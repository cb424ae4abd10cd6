import type { Distribution } from '../../policy/distribution.js';
import { at, fail, isRecord, text } from './misp-values.js';

/** A sharing group as the lead knows them: Accord id, and the MISP uuid and name to match on. */
export interface SharingGroupRef {
  id: string;
  uuid?: string;
  name: string;
}

/**
 * A MISP distribution level as an Accord distribution: 0 your organisation only → `organisation`;
 * 1 this community, 2 connected communities, 3 all communities → `community` (federation is not
 * live yet, and "all communities" must not silently become public); 4 sharing group → `group:<id>`
 * of the group matched by uuid, then by name; 5 inherit → `inherited`. Absent → `inherited` too, so
 * a bare attribute follows its event. An unknown group fails the item with a clear message.
 */
export function readDistribution(
  holder: Record<string, unknown>,
  path: string,
  inherited: Distribution | undefined,
  groups: readonly SharingGroupRef[],
): Distribution | undefined {
  const raw = holder.distribution;
  if (raw === undefined || raw === null || raw === '') return inherited;
  const level = text(raw);
  switch (level) {
    case '0':
      return 'organisation';
    case '1':
    case '2':
    case '3':
      return 'community';
    case '4':
      return `group:${sharingGroup(holder, path, groups).id}`;
    case '5':
      return inherited;
    default:
      return fail(
        at(path, 'distribution'),
        'invalid_distribution',
        `${at(path, 'distribution')} must be 0 to 5, found ${JSON.stringify(raw).slice(0, 40)}.`,
      );
  }
}

function sharingGroup(
  holder: Record<string, unknown>,
  path: string,
  groups: readonly SharingGroupRef[],
): SharingGroupRef {
  const sg = isRecord(holder.SharingGroup) ? holder.SharingGroup : {};
  const uuid = text(sg.uuid)?.toLowerCase();
  const name = text(sg.name);
  const byUuid = uuid === undefined ? undefined : groups.find((g) => g.uuid?.toLowerCase() === uuid);
  const found = byUuid ?? (name === undefined ? undefined : groups.find((g) => g.name === name));
  if (found !== undefined) return found;
  const described = [uuid === undefined ? '' : `uuid ${uuid}`, name === undefined ? '' : `name "${name}"`]
    .filter((s) => s !== '')
    .join(', ');
  return fail(
    at(path, 'SharingGroup'),
    'unknown_sharing_group',
    described === ''
      ? `${path} is shared with a sharing group (distribution 4) but names none (no SharingGroup uuid or name).`
      : `${path} is shared with sharing group ${described}, which matches no sharing group here; create it or map it first.`,
  );
}
