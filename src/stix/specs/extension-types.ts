/** extension-type-enum (§7.3). */
export const EXTENSION_TYPES = [
  'new-sdo',
  'new-sco',
  'new-sro',
  'property-extension',
  'toplevel-property-extension',
] as const;
export type ExtensionType = (typeof EXTENSION_TYPES)[number];
