import { useState } from 'react';
import { useOrganisations } from '../api/use-organisations.js';
import { ErrorNote } from '../app/ErrorNote.js';
import { Loading } from '../app/Loading.js';
import { InboxGroupCard } from './InboxGroupCard.js';
import { InboxPager } from './InboxPager.js';
import type { PageAt } from './InboxPager.js';
import { GROUPINGS, STATUSES, useInbox } from './intake-api.js';
import type { Grouping, StatusFilter } from './intake-api.js';
import { distinctReports, keepListed, toggleGroup, toggleReport } from './selection.js';
import { TriageActions } from './TriageActions.js';

const GROUP_NAMES: Record<Grouping, string> = { url: 'URL host', sender: 'Sender', campaign: 'Campaign' };

/**
 * The intake inbox for its analysts: reports from the public and partners grouped by URL host,
 * sender or campaign, selected by group or one by one, promoted to indicators or marked benign.
 * Who may see and triage is the server's answer (the visibility rule and triageAccess); this page
 * shows it and offers the acts only when the server says they are allowed.
 */
export function InboxPage() {
  const [group, setGroup] = useState<Grouping>('url');
  const [status, setStatus] = useState<StatusFilter>('open');
  /** The cursor of the page shown (undefined: the first) and its number, counted from 1. */
  const [at, setAt] = useState<PageAt>({ cursor: undefined, n: 1 });
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const inbox = useInbox(group, status, at.cursor);
  const firstPage = () => {
    setAt({ cursor: undefined, n: 1 });
  };
  const { nameOf } = useOrganisations();
  const data = inbox.data;
  const groups = data?.groups ?? [];
  const selected = keepListed(groups, picked);
  const allowed = data?.triage.allowed === true;
  const listed = distinctReports(groups);
  const total = data?.total ?? { groups: 0, reports: 0 };
  const pages = data === undefined ? 1 : Math.max(1, Math.ceil(total.groups / data.page.size));
  const paged = data !== undefined && (data.page.next !== null || data.page.previous !== null || at.n > 1);
  return (
    <div className="page intake">
      <h1>Intake inbox</h1>
      {inbox.isPending && <Loading what="Loading the inbox" />}
      {inbox.error !== null && <ErrorNote error={inbox.error} />}
      {data !== undefined && !allowed && (
        <div className="card notice" role="alert" data-testid="not-permitted">
          <h2>Not permitted</h2>
          <p>
            You may not triage the intake inbox: {data.triage.reason ?? 'the server refused'}.
            {groups.length > 0 && ' What you may read is shown below, read-only.'}
          </p>
        </div>
      )}
      {data !== undefined && (allowed || groups.length > 0) && (
        <>
          <p className="muted">
            Reports from the public portal and partners, kept at the intake organisation’s distribution.
            Everything shown is what a stranger sent: read it as text, open no link from it.
          </p>
          <dl className="inbox-counts" data-testid="inbox-counts">
            <div>
              <dt>New</dt>
              <dd>{data.counts.new}</dd>
            </div>
            <div>
              <dt>Promoted</dt>
              <dd>{data.counts.promoted}</dd>
            </div>
            <div>
              <dt>Benign</dt>
              <dd>{data.counts.benign}</dd>
            </div>
          </dl>
          <div className="filters">
            <fieldset className="segmented">
              <legend>Group by</legend>
              {GROUPINGS.map((g) => (
                <label key={g} className="check">
                  <input
                    type="radio"
                    name="inbox-group"
                    value={g}
                    checked={group === g}
                    onChange={() => {
                      setGroup(g);
                      firstPage();
                    }}
                  />{' '}
                  {GROUP_NAMES[g]}
                </label>
              ))}
            </fieldset>
            <label>
              Show
              <select
                value={status}
                onChange={(e) => {
                  setStatus(e.target.value as StatusFilter);
                  firstPage();
                }}
              >
                {STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {s === 'open' ? 'open (new and promoted)' : s}
                  </option>
                ))}
              </select>
            </label>
          </div>
          {allowed && (
            <TriageActions
              selected={[...selected]}
              onDone={() => {
                setPicked(new Set());
              }}
            />
          )}
          {groups.length === 0 && at.cursor !== undefined ? (
            <>
              <p className="muted">Nothing is left on this page: its groups were triaged.</p>
              <InboxPager page={data.page} n={at.n} setAt={setAt} />
            </>
          ) : groups.length === 0 ? (
            <p className="muted" data-testid="inbox-empty">
              {status === 'open' ? 'The inbox is empty: no open reports.' : `No ${status} reports.`}
            </p>
          ) : (
            <>
              <p className="muted" aria-live="polite" data-testid="inbox-summary">
                {total.groups} group{total.groups === 1 ? '' : 's'} by {GROUP_NAMES[group].toLowerCase()},{' '}
                {total.reports} report{total.reports === 1 ? '' : 's'}
                {paged &&
                  ` — page ${String(at.n)} of ${String(pages)}: ${String(groups.length)} group${groups.length === 1 ? '' : 's'}, ${String(listed)} report${listed === 1 ? '' : 's'}`}
              </p>
              {groups.map((g) => (
                <InboxGroupCard
                  key={g.key}
                  group={g}
                  selected={selected}
                  selectable={allowed}
                  nameOf={nameOf}
                  onToggleGroup={() => {
                    setPicked(toggleGroup(g, selected));
                  }}
                  onToggleReport={(id) => {
                    setPicked(toggleReport(id, selected));
                  }}
                />
              ))}
              {paged && <InboxPager page={data.page} n={at.n} setAt={setAt} />}
            </>
          )}
        </>
      )}
    </div>
  );
}
