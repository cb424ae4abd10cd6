import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { invalidInput } from '../../errors.js';
import { changeTargetStatus } from '../../operations/change-status.js';
import { overrideJurisdiction, resolveJurisdictions } from '../../operations/jurisdictions.js';
import { operationAccess } from '../../operations/operation-access.js';
import { parseTargetList } from '../../operations/target-list.js';
import { targetPage } from '../../operations/target-page.js';
import { operationContributions, otherInterest, recheckTarget } from '../../operations/target-signals.js';
import {
  targetsFromCorrelation,
  targetsFromReport,
  targetsFromSearchResults,
} from '../../operations/target-sources.js';
import { addTargets, getTarget } from '../../operations/targets.js';
import type { TargetInput } from '../../operations/targets.js';
import type { UserViewer } from '../../policy/viewer.js';
import type { AppContext } from '../app-context.js';
import { searchObjects } from '../dashboard/search-objects.js';
import { requireUser } from '../plugins/viewer.js';
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
  const add = (viewer: UserViewer, id: string, targets: TargetInput[]) => {
    if (targets.length === 0)
      throw invalidInput('no_targets', 'the selection holds nothing that is a target');
    return addTargets(ctx.store, viewer, id, { targets });
  };

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
    async (request, reply) => {
      const viewer = requireUser(request);
      await operationAccess(ctx.store.db, viewer, request.params.id);
      const parsed = parseTargetList(request.body.text, request.body.defaultKind);
      if (parsed.errors.length > 0)
        throw invalidInput(
          'invalid_target_list',
          parsed.errors
            .slice(0, 20)
            .map((e) => `line ${e.line}: ${e.error}`)
            .join('; '),
          parsed.errors,
        );
      const targets = parsed.targets.map((t) => ({ kind: t.kind, value: t.value }));
      return reply.status(201).send(await add(viewer, request.params.id, targets));
    },
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
      const { db, dialect } = ctx.store;
      await operationAccess(db, viewer, request.params.id);
      const body = request.body;
      let targets: TargetInput[];
      if ('reportId' in body) targets = await targetsFromReport(db, viewer, body.reportId);
      else if ('correlationOf' in body)
        targets = await targetsFromCorrelation(db, viewer, body.correlationOf);
      else {
        const { limit, text, types, label } = body.search;
        const page = await searchObjects(
          db,
          dialect,
          viewer,
          {
            ...(text === undefined ? {} : { text }),
            ...(types === undefined ? {} : { types }),
            ...(label === undefined ? {} : { label }),
          },
          { limit },
        );
        targets = await targetsFromSearchResults(
          db,
          viewer,
          page.items.map((i) => i.id),
        );
      }
      return reply.status(201).send(await add(viewer, request.params.id, targets));
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
