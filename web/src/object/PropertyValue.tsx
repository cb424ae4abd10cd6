import { Link } from '@tanstack/react-router';

const STIX_ID = /^[a-z0-9][a-z0-9-]*--[0-9a-fA-F-]{36}$/;
const URL_LIKE = /^https?:\/\//;

/** One property value: ids become links, URLs become (safe) external links, nesting is kept. */
export function PropertyValue({ name, value }: { name: string; value: unknown }) {
  if (typeof value === 'string') {
    if (STIX_ID.test(value) && !value.startsWith('marking-definition--'))
      return (
        <Link to="/objects/$id" params={{ id: value }} className="mono">
          {value}
        </Link>
      );
    if (name === 'url' && URL_LIKE.test(value))
      return (
        <a href={value} rel="noopener noreferrer nofollow" target="_blank">
          {value}
        </a>
      );
    if (name === 'pattern' || name.endsWith('hashes')) return <code className="pattern">{value}</code>;
    return <span className="text">{value}</span>;
  }
  if (typeof value === 'number' || typeof value === 'boolean') return <span>{String(value)}</span>;
  if (value === null || value === undefined) return <span className="muted">—</span>;
  if (Array.isArray(value)) {
    if (value.length === 0) return <span className="muted">(empty)</span>;
    return (
      <ul className="values">
        {(value as unknown[]).map((v, i) => (
          <li key={i}>
            <PropertyValue name={name} value={v} />
          </li>
        ))}
      </ul>
    );
  }
  return (
    <dl className="nested">
      {Object.entries(value as Record<string, unknown>).map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>
            <PropertyValue name={k} value={v} />
          </dd>
        </div>
      ))}
    </dl>
  );
}
