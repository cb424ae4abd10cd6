/** The MISP core-format shapes Accord writes (draft-dulaunoy-misp-core-format). */
export interface MispTag {
  name: string;
}

export interface MispSighting {
  uuid: string;
  type: '0' | '1' | '2';
  date_sighting: string;
  source?: string;
  Organisation?: { name: string; uuid?: string };
}

export interface MispAttributeOut {
  uuid: string;
  type: string;
  category: string;
  value: string;
  to_ids: boolean;
  timestamp: string;
  distribution: string;
  comment?: string;
  object_relation?: string;
  first_seen?: string;
  last_seen?: string;
  Tag?: MispTag[];
  Sighting?: MispSighting[];
}

export interface MispObjectReferenceOut {
  uuid: string;
  object_uuid: string;
  referenced_uuid: string;
  relationship_type: string;
  timestamp: string;
  comment?: string;
}

export interface MispObjectOut {
  uuid: string;
  name: string;
  'meta-category'?: string;
  comment?: string;
  timestamp: string;
  distribution: string;
  first_seen?: string;
  last_seen?: string;
  Attribute: MispAttributeOut[];
  ObjectReference?: MispObjectReferenceOut[];
}

export interface MispClusterOut {
  uuid: string;
  type: string;
  value: string;
  tag_name: string;
  description?: string;
  meta?: { synonyms?: string[]; refs?: string[]; external_id?: string[] };
}

export interface MispGalaxyOut {
  name: string;
  type: string;
  GalaxyCluster: MispClusterOut[];
}

export interface MispOrg {
  name: string;
  uuid: string;
}

export interface MispEventOut {
  uuid: string;
  info: string;
  date: string;
  timestamp: string;
  publish_timestamp: string;
  published: boolean;
  analysis: string;
  threat_level_id: string;
  distribution?: string;
  SharingGroup?: { uuid?: string; name: string };
  Orgc: MispOrg;
  Tag: MispTag[];
  Attribute: MispAttributeOut[];
  Object: MispObjectOut[];
  Galaxy: MispGalaxyOut[];
}

export interface MispEventDocument {
  Event: MispEventOut;
}

/** Seconds since the epoch, as MISP writes timestamps (a digit string). */
export function epoch(iso: unknown): string {
  const ms = typeof iso === 'string' ? Date.parse(iso) : NaN;
  return Number.isNaN(ms) ? '0' : String(Math.floor(ms / 1000));
}

/** The uuid part of a STIX id (`indicator--<uuid>`). */
export function uuidOf(id: string): string {
  return id.slice(id.indexOf('--') + 2);
}
