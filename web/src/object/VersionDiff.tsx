import { versionDiff } from './version-diff.js';

const show = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

export function VersionDiff({ before, after }: { before: unknown; after: unknown }) {
  const changes = versionDiff(before, after);
  if (changes.length === 0) return <p className="muted">No differences.</p>;
  return (
    <table className="diff">
      <thead>
        <tr>
          <th scope="col">Property</th>
          <th scope="col">Before</th>
          <th scope="col">After</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((c) => (
          <tr key={c.path} className={c.kind}>
            <th scope="row">
              {c.path} <span className="muted">({c.kind})</span>
            </th>
            <td className="del">{c.kind === 'added' ? '' : show(c.before)}</td>
            <td className="ins">{c.kind === 'removed' ? '' : show(c.after)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
