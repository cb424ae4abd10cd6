import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { ErrorNote } from '../app/ErrorNote.js';
import { Loading } from '../app/Loading.js';
import { SightingsList } from './SightingsList.js';
import { chartsQuery, dashboardQuery } from './dashboard-query.js';

export function DashboardPage() {
  const dashboard = useQuery(dashboardQuery);
  const charts = useQuery(chartsQuery);
  if (dashboard.isPending) return <Loading what="Loading the dashboard" />;
  if (dashboard.error !== null) return <ErrorNote error={dashboard.error} />;
  const d = dashboard.data;
  return (
    <div className="page">
      <h1>Dashboard</h1>
      <p className="muted" data-testid="dashboard-total">
        {d.total.toLocaleString()} objects visible to your organisation
      </p>
      {charts.error !== null ? (
        <ErrorNote error={charts.error} />
      ) : charts.data === undefined ? (
        <Loading what="Drawing charts" />
      ) : (
        <charts.data.default data={d} />
      )}
      <section className="card">
        <h2>Top malware families and threat actors</h2>
        <ol className="top">
          {d.top.map((t) => (
            <li key={t.id}>
              <Link to="/objects/$id" params={{ id: t.id }}>
                {t.name}
              </Link>{' '}
              <span className="muted">
                {t.type} · {t.relationships} relationships
              </span>
            </li>
          ))}
        </ol>
      </section>
      <SightingsList sightings={d.sightings} />
    </div>
  );
}
