export interface PreviewIssue {
  index: number;
  id: string | null;
  message: string;
}

export interface BundlePreview {
  objects: number;
  byType: [string, number][];
  issues: PreviewIssue[];
  /** Set when the file cannot be imported at all. */
  fatal?: string;
}

const ID = /^([a-z0-9][a-z0-9-]*)--[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;

function check(object: unknown, index: number): PreviewIssue[] {
  if (typeof object !== 'object' || object === null || Array.isArray(object))
    return [{ index, id: null, message: 'not a JSON object' }];
  const o = object as Record<string, unknown>;
  const id = typeof o.id === 'string' ? o.id : null;
  const issue = (message: string) => ({ index, id, message });
  const out: PreviewIssue[] = [];
  if (typeof o.type !== 'string') out.push(issue('type is missing'));
  const match = id === null ? null : ID.exec(id);
  if (match === null) out.push(issue('id is missing or not <type>--<UUID>'));
  else if (match[1] !== o.type)
    out.push(issue(`id prefix ${match[1] ?? ''} does not match type ${String(o.type)}`));
  if (o.type !== 'marking-definition' && o.spec_version !== undefined && o.spec_version !== '2.1')
    out.push(
      issue(
        `spec_version ${typeof o.spec_version === 'string' ? o.spec_version : JSON.stringify(o.spec_version)} is not 2.1`,
      ),
    );
  for (const key of ['created', 'modified', 'valid_from'])
    if (o[key] !== undefined && (typeof o[key] !== 'string' || !TIMESTAMP.test(o[key])))
      out.push(issue(`${key} is not an RFC 3339 UTC timestamp`));
  if (o.type === 'indicator' && typeof o.pattern !== 'string') out.push(issue('indicator without a pattern'));
  if (o.type === 'relationship' && (typeof o.source_ref !== 'string' || typeof o.target_ref !== 'string'))
    out.push(issue('relationship without source_ref and target_ref'));
  return out;
}

/**
 * A quick look at a STIX bundle before it is sent: what it holds and the problems visible without the
 * server. The server's validator has the last word; its per-object results follow the import.
 */
export function previewBundle(text: string): BundlePreview {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { objects: 0, byType: [], issues: [], fatal: `not JSON: ${(error as Error).message}` };
  }
  const bundle = parsed as { type?: unknown; objects?: unknown };
  if (
    typeof parsed !== 'object' ||
    parsed === null ||
    bundle.type !== 'bundle' ||
    !Array.isArray(bundle.objects)
  )
    return {
      objects: 0,
      byType: [],
      issues: [],
      fatal: 'not a STIX bundle (expected {"type": "bundle", "objects": [...]})',
    };
  const counts = new Map<string, number>();
  const issues: PreviewIssue[] = [];
  bundle.objects.forEach((object: unknown, index) => {
    const type = (object as { type?: unknown } | null)?.type;
    const key = typeof type === 'string' ? type : '(no type)';
    counts.set(key, (counts.get(key) ?? 0) + 1);
    issues.push(...check(object, index));
  });
  return {
    objects: bundle.objects.length,
    byType: [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])),
    issues,
  };
}
