import { z } from 'zod';

export const OperationParams = z.object({ id: z.string().min(1) });
export const CarParams = z.object({ id: z.string().min(1), carId: z.string().min(1) });
export const ContributionParams = z.object({ id: z.string().min(1), contributionId: z.string().min(1) });

export const CarRecipientSchema = z.object({
  orgId: z.string(),
  issued: z.string(),
  issuedBy: z.string(),
  handling: z.string().nullable(),
  releaseAuthority: z.string(),
  acknowledged: z.string().nullable(),
});

export const CarSummarySchema = z.object({
  id: z.string(),
  operationId: z.string(),
  country: z.string(),
  reportId: z.string(),
  tlp: z.string(),
  targetCount: z.number().int(),
  created: z.string(),
  createdBy: z.string(),
  recipients: z.array(CarRecipientSchema),
});

export const CarLinks = z.object({ html: z.string(), pdf: z.string().nullable(), bundle: z.string() });
export const CarList = z.object({
  cars: z.array(CarSummarySchema.extend({ links: CarLinks })),
  pdf: z.boolean(),
});
export const CarDetailSchema = CarSummarySchema.extend({
  bundle: z.object({
    type: z.literal('bundle'),
    id: z.string(),
    objects: z.array(z.record(z.string(), z.unknown())),
  }),
  links: CarLinks,
});

const Counts = z.record(z.string(), z.number());
export const KpisSchema = z.object({
  operationId: z.string(),
  targets: z.number().int(),
  byStatus: Counts,
  byJurisdiction: z.array(
    z.object({
      country: z.string().nullable(),
      targets: z.number(),
      reported: z.number(),
      takenDown: z.number(),
    }),
  ),
  reported: z.number().int(),
  takenDown: z.number().int(),
  takedownRate: z.number().nullable(),
  actions: Counts,
  medianHoursReportToAction: z.number().nullable(),
  cars: z.object({ generated: z.number(), issued: z.number(), acknowledged: z.number() }),
  outcomes: Counts,
});

export const NotificationsQuery = z.object({
  format: z.enum(['xarf', 'csv']).default('xarf'),
  /** `victims`: victim groups and hosts actioned as notified; `all-network`: every network target too. */
  scope: z.enum(['victims', 'all-network']).default('victims'),
  /** The address recipients answer (XARF `reporter.contact`); the caller's own address when absent. */
  contact: z.email().max(254).optional(),
});

const KindOutcome = z.object({
  contributed: z.number(),
  reported: z.number(),
  actioned: z.number(),
  takenDown: z.number(),
});
export const ContributionOutcomesSchema = z.object({
  operations: z.array(
    z.object({
      operationId: z.string().nullable(),
      code: z.string().nullable(),
      name: z.string().nullable(),
      totals: KindOutcome,
      byKind: z.record(z.string(), KindOutcome),
      summary: z.string(),
    }),
  ),
});

export const GradeSchema = z.object({
  contributionId: z.string(),
  scale: z.enum(['4x4', 'admiralty']),
  reliability: z.string(),
  credibility: z.string(),
});
