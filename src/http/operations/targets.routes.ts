import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { changeTargetStatus } from '../../operations/change-status.js';
import { overrideJurisdiction, resolveJurisdictions } from '../../operations/jurisdictions.js';
import { targetPage } from '../../operations/target-page.js';
import { operationContributions, otherInterest, recheckTarget } from '../../operations/target-signals.js';
import { addTargetList, addTargetsFromSource } from '../../operations/target-intake.js';
import { addTargets, getTarget } from '../../operations/targets.js';
import type { AppContext } from '../app-context.js';
import { requireUser } from '../plugins/viewer.js';
import { searchTargetIds } from './search-target-ids.js';
import {
  AddTargetsInput,
  AddTargetsResultSchema,
  ContributionsSchema,
  FromSourceBody,
  InterestSchema,
  JurisdictionOverride,
  OperationParams,
  RecheckSchema,
  StatusChangeInput,
  TargetDetailSchema,
  TargetListBody,
  TargetPageQuery,
  TargetPageSchema,
  TargetParams,
} from './operations.schema.js';

const BASE = '/api/v1/operations/:id';
const tags = ['operations'];

/** Targets of an operation: add (one, a list, from STIX sources), page, read, move, place, re-check. */
export function targetRoutes(ctx: AppContext, app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    `${BASE}/targets`,
    {
      schema: {
        tags,
        description:
          'Add targets (all or nothing; the same value again is merged and credited to the new contributor).',
        params: OperationParams,
        body: AddTargetsInput,
        response: { 201: AddTargetsResultSchema },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await addTargets(ctx.store, requireUser(request), request.params.id, request.body)),
  );
  r.post(
    `${BASE}/targets/list`,
    {
      schema: {
        tags,
        description:
          'Add targets from a CSV (`kind,value`) or plain list, one a line. Any bad line refuses the list: `invalid_target_list` names every bad line.',
        params: OperationParams,
        body: TargetListBody,
        response: { 201: AddTargetsResultSchema },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await addTargetList(ctx.store, requireUser(request), request.params.id, request.body)),
  );
  r.post(
    `${BASE}/targets/from`,
    {
      schema: {
        tags,
        description:
          "Add the targets behind STIX objects the caller may see: a report's objects (`reportId`), a correlation (`correlationOf`: an object and all sharing a value with it) or a search (`search`).",
        params: OperationParams,
        body: FromSourceBody,
        response: { 201: AddTargetsResultSchema },
      },
    },
    async (request, reply) => {
      const viewer = requireUser(request);
      const body = request.body;
      const source =
        'search' in body ? { objectIds: await searchTargetIds(ctx.store, viewer, body.search) } : body;
      return reply.status(201).send(await addTargetsFromSource(ctx.store, viewer, request.params.id, source));
    },
  );
  r.get(
    `${BASE}/targets`,
    {
      schema: {
        tags,
        description:
          'A keyset page of targets, filtered by status, kind, country (or `none`) and contributor.',
        params: OperationParams,
        querystring: TargetPageQuery,
        response: { 200: TargetPageSchema },
      },
    },
    async (request) => targetPage(ctx.store.db, requireUser(request), request.params.id, request.query),
  );
  r.get(
    `${BASE}/targets/:targetId`,
    {
      schema: {
        tags,
        description:
          'One target with its status history, linked STIX objects the caller may see, and other operations holding it.',
        params: TargetParams,
        response: { 200: TargetDetailSchema },
      },
    },
    async (request) =>
      getTarget(ctx.store.db, requireUser(request), request.params.id, request.params.targetId),
  );
  r.post(
    `${BASE}/targets/status`,
    {
      schema: {
        tags,
        description:
          'Move one or many targets to a status; all or nothing: one illegal transition (`illegal_transition`, 409) changes none.',
        params: OperationParams,
        body: StatusChangeInput,
        response: { 200: z.object({ changed: z.number().int() }) },
      },
    },
    async (request) => changeTargetStatus(ctx.store, requireUser(request), request.params.id, request.body),
  );
  r.put(
    `${BASE}/targets/:targetId/jurisdiction`,
    {
      schema: {
        tags,
        description: "Override a target's country with a reason (audited, kept by later re-computations).",
        params: TargetParams,
        body: JurisdictionOverride,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const { id, targetId } = request.params;
      await overrideJurisdiction(ctx.store, requireUser(request), id, targetId, request.body);
      return reply.status(204).send(null);
    },
  );
  r.post(
    `${BASE}/jurisdictions`,
    {
      schema: {
        tags,
        description: 'Work out the jurisdiction of every target without an analyst override.',
        params: OperationParams,
        response: {
          200: z.object({
            resolved: z.number().int(),
            unresolved: z.number().int(),
            overridden: z.number().int(),
          }),
        },
      },
    },
    async (request) => resolveJurisdictions(ctx.store, requireUser(request), request.params.id),
  );
  r.post(
    `${BASE}/targets/:targetId/recheck`,
    {
      schema: {
        tags,
        description:
          'Is a network target still seen? New sightings and re-appearances in imports since its last status change.',
        params: TargetParams,
        response: { 200: RecheckSchema },
      },
    },
    async (request) =>
      recheckTarget(ctx.store.db, requireUser(request), request.params.id, request.params.targetId),
  );
  r.get(
    `${BASE}/targets/:targetId/interest`,
    {
      schema: {
        tags,
        description:
          'Other interest before action: the same target in other operations the caller may see, and a deconfliction hit/no-hit with contact points.',
        params: TargetParams,
        response: { 200: InterestSchema },
      },
    },
    async (request) =>
      otherInterest(ctx.store, requireUser(request), request.params.id, request.params.targetId),
  );
  r.get(
    `${BASE}/contributions`,
    {
      schema: {
        tags,
        description: 'Who contributed what: targets per organisation, deduplicated, first reporters first.',
        params: OperationParams,
        response: { 200: ContributionsSchema },
      },
    },
    async (request) => ({
      contributors: await operationContributions(ctx.store.db, requireUser(request), request.params.id),
    }),
  );
}
