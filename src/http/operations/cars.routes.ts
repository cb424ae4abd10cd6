import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { getCar, listCars } from '../../operations/cars/car-read.js';
import type { CarSummary } from '../../operations/cars/car-read.js';
import { GenerateCarsInput, generateCars } from '../../operations/cars/generate-cars.js';
import { IssueCarInput, acknowledgeCar, issueCar } from '../../operations/cars/issue-car.js';
import { GradeInput, gradeContribution } from '../../operations/grades.js';
import { operationKpis } from '../../operations/kpis/kpis.js';
import { victimNotifications } from '../../operations/notifications/victim-notifications.js';
import { notificationsCsv } from '../../operations/notifications/xarf.js';
import { contributionOutcomes } from '../../operations/outcomes/contributor-view.js';
import { OutcomesInput, setOutcomes } from '../../operations/outcomes/outcomes.js';
import { htmlToPdf, pdfAvailable } from '../../render/html-to-pdf.js';
import type { AppContext } from '../app-context.js';
import { requireUser } from '../plugins/viewer.js';
import {
  CarDetailSchema,
  CarList,
  CarParams,
  CarRecipientSchema,
  CarSummarySchema,
  ContributionOutcomesSchema,
  ContributionParams,
  GradeSchema,
  KpisSchema,
  NotificationsQuery,
  OperationParams,
} from './cars.schema.js';
import { z } from 'zod';

const BASE = '/api/v1/operations/:id';
const tags = ['operations'];

function links(operationId: string, car: CarSummary) {
  const base = `/api/v1/operations/${operationId}/cars/${car.id}`;
  return { html: `${base}/html`, pdf: pdfAvailable() ? `${base}/pdf` : null, bundle: `${base}/bundle` };
}

const fileStem = (car: CarSummary) => `CAR-${car.country}-${car.id.slice(5, 13)}`;

/**
 * Cyber Activity Reports, KPIs, outcomes, victim notifications and grades of an operation, and the
 * contributor view. Every path goes through the operation access check (a non-participant gets the
 * same 404 as for an operation that does not exist); a CAR's recipient reads the CAR it was issued.
 */
export function carsRoutes(ctx: AppContext) {
  return (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    r.post(
      `${BASE}/cars`,
      {
        schema: {
          tags,
          description:
            'Generate the CAR of one jurisdiction (`{jurisdiction: "DE"}`) or of all (`{all: true}`).',
          params: OperationParams,
          body: GenerateCarsInput,
          response: { 201: z.object({ cars: z.array(CarSummarySchema) }) },
        },
      },
      async (request, reply) => {
        const cars = await generateCars(ctx.store, requireUser(request), request.params.id, request.body);
        return reply.status(201).send({ cars });
      },
    );
    r.get(
      `${BASE}/cars`,
      { schema: { tags, params: OperationParams, response: { 200: CarList } } },
      async (request) => {
        const cars = await listCars(ctx.store.db, requireUser(request), request.params.id);
        return { cars: cars.map((c) => ({ ...c, links: links(request.params.id, c) })), pdf: pdfAvailable() };
      },
    );
    r.get(
      `${BASE}/cars/:carId`,
      { schema: { tags, params: CarParams, response: { 200: CarDetailSchema } } },
      async (request) => {
        const { html: _html, ...car } = await getCar(
          ctx.store.db,
          requireUser(request),
          request.params.id,
          request.params.carId,
        );
        return { ...car, links: links(request.params.id, car) };
      },
    );
    r.get(
      `${BASE}/cars/:carId/html`,
      { schema: { tags, params: CarParams, description: 'The CAR as one self-contained HTML document.' } },
      async (request, reply) => {
        const car = await getCar(ctx.store.db, requireUser(request), request.params.id, request.params.carId);
        return reply
          .type('text/html; charset=utf-8')
          .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
          .send(car.html);
      },
    );
    r.get(
      `${BASE}/cars/:carId/pdf`,
      { schema: { tags, params: CarParams, description: 'The CAR printed by Chromium; 501 without it.' } },
      async (request, reply) => {
        const car = await getCar(ctx.store.db, requireUser(request), request.params.id, request.params.carId);
        const pdf = await htmlToPdf(car.html);
        return reply
          .type('application/pdf')
          .header('content-disposition', `attachment; filename="${fileStem(car)}.pdf"`)
          .send(pdf);
      },
    );
    r.get(
      `${BASE}/cars/:carId/bundle`,
      { schema: { tags, params: CarParams, description: 'The CAR as a STIX 2.1 bundle.' } },
      async (request, reply) => {
        const car = await getCar(ctx.store.db, requireUser(request), request.params.id, request.params.carId);
        return reply
          .type('application/stix+json;version=2.1')
          .header('content-disposition', `attachment; filename="${fileStem(car)}.json"`)
          .send(JSON.stringify(car.bundle));
      },
    );
    r.post(
      `${BASE}/cars/:carId/issue`,
      {
        schema: {
          tags,
          description: 'Issue the CAR to a national agency: shares its STIX report with that organisation.',
          params: CarParams,
          body: IssueCarInput,
          response: { 201: CarRecipientSchema },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await issueCar(
              ctx.store,
              requireUser(request),
              request.params.id,
              request.params.carId,
              request.body,
            ),
          ),
    );
    r.post(
      `${BASE}/cars/:carId/ack`,
      {
        schema: {
          tags,
          description: 'The recipient acknowledges receipt.',
          params: CarParams,
          response: { 200: CarRecipientSchema },
        },
      },
      async (request) => {
        const viewer = requireUser(request);
        // The CAR must belong to the operation named in the path, as the recipient can read it.
        await getCar(ctx.store.db, viewer, request.params.id, request.params.carId);
        return acknowledgeCar(ctx.store, viewer, request.params.carId);
      },
    );
    r.get(
      `${BASE}/kpis`,
      { schema: { tags, params: OperationParams, response: { 200: KpisSchema } } },
      async (request) => operationKpis(ctx.store.db, requireUser(request), request.params.id),
    );
    r.get(
      `${BASE}/notifications`,
      {
        schema: {
          tags,
          description:
            'Victim notifications per network holder / national CERT, as XARF v4.0.0 JSON (xarf.org) or CSV.',
          params: OperationParams,
          querystring: NotificationsQuery,
        },
      },
      async (request, reply) => {
        const n = await victimNotifications(ctx.store.db, requireUser(request), request.params.id, {
          allNetwork: request.query.scope === 'all-network',
          ...(request.query.contact === undefined ? {} : { contact: request.query.contact }),
        });
        if (request.query.format === 'csv')
          return reply
            .type('text/csv; charset=utf-8')
            .header('content-disposition', 'attachment; filename="notifications.csv"')
            .send(notificationsCsv(n));
        return n;
      },
    );
    r.put(
      `${BASE}/outcomes`,
      {
        schema: {
          tags,
          description:
            'The lead enters outcome counts (arrests, searches, seizures, notifications, assets frozen).',
          params: OperationParams,
          body: OutcomesInput,
          response: { 200: z.record(z.string(), z.number()) },
        },
      },
      async (request) => setOutcomes(ctx.store, requireUser(request), request.params.id, request.body),
    );
    r.put(
      `${BASE}/contributions/:contributionId/grade`,
      {
        schema: {
          tags,
          description: 'Grade a contribution (`<targetId>.<orgId>`) on the 4x4 or Admiralty scale.',
          params: ContributionParams,
          body: GradeInput,
          response: { 200: GradeSchema },
        },
      },
      async (request) =>
        gradeContribution(
          ctx.store,
          requireUser(request),
          request.params.id,
          request.params.contributionId,
          request.body,
        ),
    );
    r.get(
      '/api/v1/contributions/outcomes',
      {
        schema: {
          tags,
          description: "What came of the caller's organisation's own contributions, per operation.",
          response: { 200: ContributionOutcomesSchema },
        },
      },
      async (request) => ({ operations: await contributionOutcomes(ctx.store.db, requireUser(request)) }),
    );
  };
}
