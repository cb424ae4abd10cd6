/** The object types STIX 2.1 defines, by category (§4–§7). */
export const SDO_TYPES: ReadonlySet<string> = new Set([
  'attack-pattern',
  'campaign',
  'course-of-action',
  'grouping',
  'identity',
  'incident',
  'indicator',
  'infrastructure',
  'intrusion-set',
  'location',
  'malware',
  'malware-analysis',
  'note',
  'observed-data',
  'opinion',
  'report',
  'threat-actor',
  'tool',
  'vulnerability',
]);

export const SRO_TYPES: ReadonlySet<string> = new Set(['relationship', 'sighting']);

export const SCO_TYPES: ReadonlySet<string> = new Set([
  'artifact',
  'autonomous-system',
  'directory',
  'domain-name',
  'email-addr',
  'email-message',
  'file',
  'ipv4-addr',
  'ipv6-addr',
  'mac-addr',
  'mutex',
  'network-traffic',
  'process',
  'software',
  'url',
  'user-account',
  'windows-registry-key',
  'x509-certificate',
]);

export const META_TYPES: ReadonlySet<string> = new Set([
  'marking-definition',
  'language-content',
  'extension-definition',
]);

export type StixCategory = 'sdo' | 'sro' | 'sco' | 'meta';
/** `custom` is an `x-` type; `unknown` is anything else STIX does not define (including `bundle`). */
export type ObjectCategory = StixCategory | 'custom' | 'unknown';

export function isSdoType(type: string): boolean {
  return SDO_TYPES.has(type);
}

export function isSroType(type: string): boolean {
  return SRO_TYPES.has(type);
}

export function isScoType(type: string): boolean {
  return SCO_TYPES.has(type);
}

export function isMetaType(type: string): boolean {
  return META_TYPES.has(type);
}

export function isCustomType(type: string): boolean {
  return type.startsWith('x-');
}

export function objectCategory(type: string): ObjectCategory {
  if (SDO_TYPES.has(type)) return 'sdo';
  if (SRO_TYPES.has(type)) return 'sro';
  if (SCO_TYPES.has(type)) return 'sco';
  if (META_TYPES.has(type)) return 'meta';
  return isCustomType(type) ? 'custom' : 'unknown';
}
