/**
 * The timestamp that orders versions of one object: `modified`, else `created` (marking definitions
 * have only `created`), else null (SCOs are not versioned).
 */
export function versionKey(obj: { modified?: unknown; created?: unknown }): string | null {
  if (typeof obj.modified === 'string') return obj.modified;
  if (typeof obj.created === 'string') return obj.created;
  return null;
}
