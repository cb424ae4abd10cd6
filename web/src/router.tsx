import {
  createRootRoute,
  createRoute,
  createRouter,
  lazyRouteComponent,
  useNavigate,
  useRouterState,
} from '@tanstack/react-router';
import type { RouteComponent } from '@tanstack/react-router';
import { useSession } from './api/use-session.js';
import { ErrorNote } from './app/ErrorNote.js';
import { Layout } from './app/Layout.js';
import { Loading } from './app/Loading.js';
import { SignInPage } from './app/SignInPage.js';
import { DashboardPage } from './dashboard/DashboardPage.js';
import { PublicHome } from './public/PublicHome.js';
import { PublicLayout } from './public/PublicLayout.js';
import { parseSearch } from './search/search-params.js';
import type { SearchParams } from './search/search-params.js';

// The dashboard, the landing page, is in the first bundle; the search and object pages (tables, the
// graph) load on demand, so a first visit parses only what the dashboard needs. Their routes' loaders
// fetch the code before the route renders: a component that suspended instead would show a fallback,
// and React holds back what replaces a fallback for up to 300 ms.
const SearchPage = lazyRouteComponent(() => import('./search/SearchPage.js'), 'SearchPage');
const ObjectPage = lazyRouteComponent(() => import('./object/ObjectPage.js'), 'ObjectPage');

// Pages used by few people load on demand.
const ImportPage = lazyRouteComponent(() => import('./import/ImportPage.js'), 'ImportPage');
const GroupsPage = lazyRouteComponent(() => import('./admin/GroupsPage.js'), 'GroupsPage');
const UsersPage = lazyRouteComponent(() => import('./admin/UsersPage.js'), 'UsersPage');
const OrganisationsPage = lazyRouteComponent(
  () => import('./admin/OrganisationsPage.js'),
  'OrganisationsPage',
);
const AuditPage = lazyRouteComponent(() => import('./admin/AuditPage.js'), 'AuditPage');
const RansomwareTablesPage = lazyRouteComponent(
  () => import('./admin/RansomwareTablesPage.js'),
  'RansomwareTablesPage',
);
const FederationPage = lazyRouteComponent(() => import('./federation/FederationPage.js'), 'FederationPage');
const LandscapePage = lazyRouteComponent(() => import('./reports/LandscapePage.js'), 'LandscapePage');
const DeconflictPage = lazyRouteComponent(() => import('./deconflict/DeconflictPage.js'), 'DeconflictPage');
const OperationsPage = lazyRouteComponent(() => import('./operations/OperationsPage.js'), 'OperationsPage');
const OperationPage = lazyRouteComponent(() => import('./operations/OperationPage.js'), 'OperationPage');
const InboxPage = lazyRouteComponent(() => import('./intake/InboxPage.js'), 'InboxPage');

// The public portal (/public/...) needs no account: it renders outside the sign-in gate.
const RansomwarePage = lazyRouteComponent(() => import('./public/RansomwarePage.js'), 'RansomwarePage');
const AdvisoriesListPage = lazyRouteComponent(
  () => import('./public/AdvisoriesPages.js'),
  'AdvisoriesListPage',
);
const AdvisoryPageView = lazyRouteComponent(() => import('./public/AdvisoriesPages.js'), 'AdvisoryPageView');
const ReportHubPage = lazyRouteComponent(() => import('./public/report/ReportHubPage.js'), 'ReportHubPage');
const ReportEmailPage = lazyRouteComponent(
  () => import('./public/report/ReportEmailPage.js'),
  'ReportEmailPage',
);
const ReportSmsPage = lazyRouteComponent(() => import('./public/report/ReportSmsPage.js'), 'ReportSmsPage');
const ReportUrlPage = lazyRouteComponent(() => import('./public/report/ReportUrlPage.js'), 'ReportUrlPage');
const isPublicPath = () =>
  window.location.pathname === '/public' || window.location.pathname.startsWith('/public/');

function Root() {
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  if (pathname === '/public' || pathname.startsWith('/public/')) return <PublicLayout />;
  return <SignedIn />;
}

function SignedIn() {
  const session = useSession();
  if (session.isPending) return <Loading />;
  if (session.error !== null) return <ErrorNote error={session.error} />;
  if (session.data === null) return <SignInPage />;
  return <Layout session={session.data} />;
}

const rootRoute = createRootRoute({ component: Root });

const route = (path: string, component: RouteComponent) =>
  createRoute({ getParentRoute: () => rootRoute, path, component });

const searchRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/search',
  validateSearch: (raw: Record<string, unknown>): SearchParams => parseSearch(raw),
  loader: () => SearchPage.preload?.(),
  component: SearchRoute,
});

// Return types are written out: they break the inference cycle between a route and its component.
function SearchRoute(): React.ReactElement {
  const search: SearchParams = searchRoute.useSearch();
  const navigate = useNavigate();
  return (
    <SearchPage
      search={search}
      onSearch={(next) => void navigate({ to: '/search', search: next, replace: true })}
    />
  );
}

const objectRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/objects/$id',
  loader: () => ObjectPage.preload?.(),
  component: ObjectRoute,
});

function ObjectRoute(): React.ReactElement {
  const { id }: { id: string } = objectRoute.useParams();
  return <ObjectPage id={id} />;
}

const operationRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/operations/$id',
  loader: () => OperationPage.preload?.(),
  component: OperationRoute,
});

function OperationRoute(): React.ReactElement {
  const { id }: { id: string } = operationRoute.useParams();
  return <OperationPage key={id} id={id} />;
}

const advisoryRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/public/advisories/$slug',
  loader: () => AdvisoryPageView.preload?.(),
  component: AdvisoryRoute,
});

function AdvisoryRoute(): React.ReactElement {
  const { slug }: { slug: string } = advisoryRoute.useParams();
  return <AdvisoryPageView slug={slug} />;
}

const routeTree = rootRoute.addChildren([
  route('/', DashboardPage),
  searchRoute,
  objectRoute,
  route('/import', ImportPage),
  route('/groups', GroupsPage),
  route('/users', UsersPage),
  route('/organisations', OrganisationsPage),
  route('/audit', AuditPage),
  route('/ransomware-tables', RansomwareTablesPage),
  route('/federation', FederationPage),
  route('/reports', LandscapePage),
  route('/deconflict', DeconflictPage),
  route('/operations', OperationsPage),
  operationRoute,
  route('/intake', InboxPage),
  route('/public', PublicHome),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/public/ransomware',
    loader: () => RansomwarePage.preload?.(),
    component: RansomwarePage,
  }),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/public/advisories',
    loader: () => AdvisoriesListPage.preload?.(),
    component: AdvisoriesListPage,
  }),
  advisoryRoute,
  ...(
    [
      ['/public/report', ReportHubPage],
      ['/public/report/email', ReportEmailPage],
      ['/public/report/sms', ReportSmsPage],
      ['/public/report/url', ReportUrlPage],
    ] as const
  ).map(([path, page]) =>
    createRoute({ getParentRoute: () => rootRoute, path, loader: () => page.preload?.(), component: page }),
  ),
]);

export { isPublicPath };

export const router = createRouter({ routeTree, defaultPendingComponent: () => <Loading /> });
