/** A TLP 2.0 or PAP marking as a badge with its colours; text, not colour alone, carries the meaning. */
export function MarkingBadge({ kind, level }: { kind: 'TLP' | 'PAP'; level: string | null }) {
  if (level === null || level === 'none') return <span className="badge none">{kind}: none</span>;
  const slug = level.toLowerCase().replace('+', '-');
  return (
    <span className={`badge ${kind.toLowerCase()}-${slug}`} title={`${kind}:${level.toUpperCase()}`}>
      {kind}:{level.toUpperCase()}
    </span>
  );
}
