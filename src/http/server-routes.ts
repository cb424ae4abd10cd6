import type { FastifyInstance } from 'fastify';
import { taxiiCollectionsAdminRoutes } from '../taxii/collections-admin.routes.js';
import { taxiiRoutes } from '../taxii/taxii.routes.js';
import { adminRoutes } from './admin/admin.routes.js';
import type { AppContext } from './app-context.js';
import { audienceRoutes } from './audience/audience.routes.js';
import { auditRoutes } from './audit/audit.routes.js';
import { correlationsRoutes } from './correlations/correlations.routes.js';
import { lifecycleRoutes } from './sightings/lifecycle.routes.js';
import { sightingsRoutes } from './sightings/sightings.routes.js';
import { feedsRoutes } from './feeds/feeds.routes.js';
import { dashboardRoutes } from './dashboard/dashboard.routes.js';
import { deconflictRoutes } from './deconflict/deconflict.routes.js';
import { rangeRoutes } from './range/range.routes.js';
import { pssFeedRoutes } from './feeds/pss.routes.js';
import { searchRoutes } from './dashboard/search.routes.js';
import { graphRoutes } from './graph/graph.routes.js';
import { importsRoutes } from './imports/imports.routes.js';
import { mispFeedRoutes } from './misp-feed/misp-feed.routes.js';
import { matchRoutes } from './match/match.routes.js';
import { reportsRoutes } from './reports/reports.routes.js';
import { operationsRoutes } from './operations/operations.routes.js';
import { sessionRoutes } from './session/session.routes.js';
import { publicRansomwareRoutes } from './public/ransomware.routes.js';
import { publicAdvisoriesRoutes } from './public/advisories.routes.js';
import { publicIntakeRoutes } from './public/intake.routes.js';
import { ransomwareTablesRoutes } from './public/ransomware-tables.routes.js';
import { partnerIntakeRoutes } from './intake/partner-intake.routes.js';
import { intakeTriageRoutes } from './intake/intake-triage.routes.js';
import { streamRoutes } from './stream/stream.routes.js';
import { subscriptionsRoutes } from './stream/subscriptions.routes.js';
import { webRoutes } from './web/web.routes.js';
import { carsRoutes } from './operations/cars.routes.js';
import { federationRoutes } from './federation/federation.routes.js';

/** Route modules beyond the core ones, in registration order; each feature adds itself here. */
export const serverRoutes: Array<(ctx: AppContext) => (app: FastifyInstance) => void | Promise<void>> = [
  taxiiRoutes,
  taxiiCollectionsAdminRoutes,
  feedsRoutes,
  (ctx) => sessionRoutes(ctx),
  (ctx) => dashboardRoutes(ctx),
  searchRoutes,
  graphRoutes,
  importsRoutes,
  mispFeedRoutes,
  adminRoutes,
  auditRoutes,
  audienceRoutes,
  correlationsRoutes,
  sightingsRoutes,
  lifecycleRoutes,
  matchRoutes,
  reportsRoutes,
  (ctx) => publicRansomwareRoutes(ctx),
  publicAdvisoriesRoutes,
  (ctx) => publicIntakeRoutes(ctx),
  ransomwareTablesRoutes,
  partnerIntakeRoutes,
  intakeTriageRoutes,
  (ctx) => deconflictRoutes(ctx),
  (ctx) => rangeRoutes(ctx),
  pssFeedRoutes,
  (ctx) => streamRoutes(ctx),
  carsRoutes,
  operationsRoutes,
  federationRoutes,
  subscriptionsRoutes,
  // Last by convention: its GET /* fallback serves the UI for every path no other module claims.
  (ctx) => webRoutes(ctx),
];
