import { Link } from '@tanstack/react-router';
import { useEffect, useId, useRef } from 'react';
import type { InboxGroup, InboxReport } from './intake-api.js';
import { groupState } from './selection.js';

const when = (iso: string) => iso.slice(0, 16).replace('T', ' ');

/**
 * One group of the inbox: its key, counts, first and last report, and the reports inside. Every
 * field of a report is what a stranger sent, so all of it renders as text (React escapes it); links
 * in reports are shown, never made clickable.
 */
export function InboxGroupCard({
  group,
  selected,
  selectable,
  onToggleGroup,
  onToggleReport,
  nameOf,
}: {
  group: InboxGroup;
  nameOf: (orgId: string) => string;
  selected: ReadonlySet<string>;
  selectable: boolean;
  onToggleGroup: () => void;
  onToggleReport: (id: string) => void;
}) {
  const state = groupState(group, selected);
  const box = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (box.current !== null) box.current.indeterminate = state === 'some';
  }, [state]);
  const titleId = useId();
  return (
    <section className="card inbox-group" aria-labelledby={titleId} data-testid="inbox-group">
      <div className="group-title">
        {selectable && (
          <input
            ref={box}
            type="checkbox"
            checked={state === 'all'}
            aria-label={`Select group ${group.label}`}
            onChange={onToggleGroup}
          />
        )}
        <h2 id={titleId}>{group.label}</h2>
      </div>
      <dl className="group-figures">
        <div>
          <dt>Reports</dt>
          <dd>{group.count}</dd>
        </div>
        <div>
          <dt>First seen (UTC)</dt>
          <dd>
            <time dateTime={group.first}>{when(group.first)}</time>
          </dd>
        </div>
        <div>
          <dt>Last seen (UTC)</dt>
          <dd>
            <time dateTime={group.last}>{when(group.last)}</time>
          </dd>
        </div>
      </dl>
      <div className="table-scroll">
        <table aria-label={`Reports of ${group.label}`}>
          <thead>
            <tr>
              {selectable && (
                <th scope="col">
                  <span className="sr-only">Select</span>
                </th>
              )}
              <th scope="col">Received (UTC)</th>
              <th scope="col">Kind</th>
              <th scope="col">Subject or text</th>
              <th scope="col">Sender</th>
              <th scope="col">Values</th>
              <th scope="col">Status</th>
              <th scope="col">Source</th>
            </tr>
          </thead>
          <tbody>
            {group.reports.map((r) => (
              <ReportRow
                key={r.id}
                report={r}
                selectable={selectable}
                nameOf={nameOf}
                checked={selected.has(r.id)}
                onToggle={() => {
                  onToggleReport(r.id);
                }}
              />
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function ReportRow({
  report: r,
  selectable,
  checked,
  onToggle,
  nameOf,
}: {
  report: InboxReport;
  nameOf: (orgId: string) => string;
  selectable: boolean;
  checked: boolean;
  onToggle: () => void;
}) {
  return (
    <tr className={`inbox-report ${r.status}${checked ? ' selected' : ''}`}>
      {selectable && (
        <td>
          <input
            type="checkbox"
            checked={checked}
            aria-label={`Select report ${r.kind} ${when(r.received)}: ${r.subject ?? r.id}`}
            onChange={onToggle}
          />
        </td>
      )}
      <td>
        <time dateTime={r.received}>{when(r.received)}</time>
      </td>
      <td>{r.kind}</td>
      <td className="report-text">{r.subject ?? <span className="muted">none</span>}</td>
      <td className="report-text">{r.sender ?? ''}</td>
      <td>
        <ul className="report-values">
          {r.values.map((v) => (
            <li key={`${v.kind}:${v.value}`}>
              <span className="muted">{v.kind}</span> <code>{v.value}</code>
            </li>
          ))}
        </ul>
      </td>
      <td>{r.status}</td>
      <td>
        {r.partner !== null ? `partner ${nameOf(r.partner)}` : 'public'}
        {r.contact !== null && <div className="report-text">contact: {r.contact}</div>}
        <div>
          <Link to="/objects/$id" params={{ id: r.stix_report_id }}>
            STIX report
          </Link>
        </div>
      </td>
    </tr>
  );
}
