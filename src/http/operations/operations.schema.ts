import { z } from 'zod';
import { PARTICIPANT_ROLES, PHASES } from '../../operations/operation.js';
import { OperationInput, PhaseInput } from '../../operations/operations.js';
import { TARGET_KINDS } from '../../operations/target-kind.js';
import { TargetPageQuery } from '../../operations/target-page.js';
import { TARGET_STATUSES } from '../../operations/target-status.js';
import { StatusChangeInput } from '../../operations/change-status.js';
import { JurisdictionOverride } from '../../operations/jurisdictions.js';
import { AddTargetsInput } from '../../operations/targets.js';

export { AddTargetsInput, JurisdictionOverride, OperationInput, StatusChangeInput, TargetPageQuery };

export const OperationParams = z.object({ id: z.string().min(1).max(200) });
export const TargetParams = OperationParams.extend({ targetId: z.string().regex(/^target--[0-9a-f-]{36}$/) });

export const OperationUpdate = z
  .object({
    phases: z.array(PhaseInput).max(PHASES.length).optional(),
    participants: z
      .array(z.object({ orgId: z.string(), role: z.enum(PARTICIPANT_ROLES).exclude(['lead']) }))
      .max(500)
      .optional(),
  })
  .strict();

const Markings = z.object({ tlp: z.string(), pap: z.string().nullable(), handling: z.string().nullable() });
const OperationFields = {
  id: z.string(),
  code: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  leadOrg: z.string(),
  groupId: z.string(),
  markings: Markings,
  created: z.string(),
  createdBy: z.string(),
};
export const OperationDetailSchema = z.object({
  ...OperationFields,
  participants: z.array(z.object({ orgId: z.string(), role: z.enum(PARTICIPANT_ROLES), added: z.string() })),
  phases: z.array(
    z.object({ phase: z.enum(PHASES), starts: z.string().nullable(), ends: z.string().nullable() }),
  ),
  currentPhase: z.enum(PHASES),
  role: z.enum([...PARTICIPANT_ROLES, 'admin']).optional(),
});
export const OperationListSchema = z.object({
  operations: z.array(
    z.object({
      ...OperationFields,
      role: z.enum([...PARTICIPANT_ROLES, 'admin']),
      targetCount: z.number().int(),
    }),
  ),
});

export const TargetSchema = z.object({
  id: z.string(),
  operationId: z.string(),
  kind: z.enum(TARGET_KINDS),
  value: z.string(),
  status: z.enum(TARGET_STATUSES),
  statusDetail: z.string().nullable(),
  jurisdiction: z.object({
    country: z.string().nullable(),
    asn: z.number().nullable(),
    asnHolder: z.string().nullable(),
    source: z.string().nullable(),
    overrideReason: z.string().nullable(),
  }),
  stixRefs: z.array(z.string()),
  contributors: z.array(
    z.object({
      orgId: z.string(),
      rank: z.number().int(),
      reported: z.string(),
      reliability: z.string().nullable(),
      credibility: z.string().nullable(),
    }),
  ),
  created: z.string(),
  statusChanged: z.string(),
});
export const TargetPageSchema = z.object({
  total: z.number().int(),
  targets: z.array(TargetSchema),
  next: z.string().nullable(),
});
const OtherOperation = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  targetId: z.string(),
  status: z.string(),
});
export const TargetDetailSchema = TargetSchema.extend({
  history: z.array(
    z.object({
      at: z.string(),
      actor: z.string(),
      actorOrg: z.string().nullable(),
      from: z.string().nullable(),
      to: z.string(),
      detail: z.string().nullable(),
      note: z.string().nullable(),
      evidence: z.array(z.string()),
    }),
  ),
  otherOperations: z.array(OtherOperation),
});

export const AddTargetsResultSchema = z.object({
  created: z.number().int(),
  merged: z.number().int(),
  targets: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(TARGET_KINDS),
      value: z.string(),
      status: z.enum(['created', 'merged']),
    }),
  ),
});

export const TargetListBody = z
  .object({
    /** One target a line: a bare value (its kind detected) or CSV `kind,value`. */
    text: z.string().min(1).max(5_000_000),
    defaultKind: z.enum(TARGET_KINDS).optional(),
  })
  .strict();

export const FromSourceBody = z.union([
  z.object({ reportId: z.string().min(1) }).strict(),
  z.object({ correlationOf: z.string().min(1) }).strict(),
  z
    .object({
      search: z
        .object({
          text: z.string().max(200).optional(),
          types: z.array(z.string()).max(20).optional(),
          label: z.string().max(200).optional(),
          limit: z.number().int().min(1).max(5000).default(1000),
        })
        .strict(),
    })
    .strict(),
]);

export const InterestSchema = z.object({
  operations: z.array(OtherOperation),
  deconfliction: z.object({
    status: z.enum(['hit', 'no-hit', 'not-checked']),
    contacts: z.array(z.string()),
  }),
});
export const RecheckSchema = z.object({
  since: z.string(),
  reappearances: z.array(z.object({ id: z.string(), type: z.string(), dateAdded: z.string() })),
  sightings: z.object({ count: z.number().int(), lastSeen: z.string().nullable() }),
  stillSeen: z.boolean(),
});
export const ContributionsSchema = z.object({
  contributors: z.array(
    z.object({
      orgId: z.string(),
      targets: z.number().int(),
      first: z.number().int(),
      byKind: z.record(z.string(), z.number().int()),
    }),
  ),
});
