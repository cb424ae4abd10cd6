import type { Kysely } from 'kysely';
import { z } from 'zod';
import { auditOk, auditedWrite } from '../audit/audited-write.js';
import { invalidInput, notFound } from '../errors.js';
import type { UserViewer } from '../policy/viewer.js';
import type { Database } from '../store/schema.js';
import type { Store } from '../store/store.js';
import { operationAccess, requireOperationManager } from './operation-access.js';
import { parseInput } from './operations.js';

/**
 * The two grading systems in use: the 4x4 (source reliability A/B/C/X, information credibility 1-4,
 * used by European police) and the NATO Admiralty code (reliability A-F, credibility 1-6).
 */
export const GRADE_SCALES = {
  '4x4': { reliability: ['A', 'B', 'C', 'X'], credibility: ['1', '2', '3', '4'] },
  admiralty: { reliability: ['A', 'B', 'C', 'D', 'E', 'F'], credibility: ['1', '2', '3', '4', '5', '6'] },
} as const;
export type GradeScale = keyof typeof GRADE_SCALES;

export interface Grade {
  scale: GradeScale;
  reliability: string;
  credibility: string;
}

export const GradeInput = z.object({
  scale: z.enum(['4x4', 'admiralty']),
  reliability: z.string().trim().toUpperCase(),
  credibility: z.string().trim(),
});
export type GradeInput = z.input<typeof GradeInput>;

/** Checks a grade against its scale; `invalid_grade` says which half is wrong and what is allowed. */
export function checkGrade(raw: GradeInput): Grade {
  const g = parseInput(GradeInput, raw, 'grade');
  const scale = GRADE_SCALES[g.scale];
  if (!(scale.reliability as readonly string[]).includes(g.reliability))
    throw invalidInput(
      'invalid_grade',
      `grade.reliability: "${g.reliability}" is not a ${g.scale} source reliability (one of ${scale.reliability.join(', ')})`,
    );
  if (!(scale.credibility as readonly string[]).includes(g.credibility))
    throw invalidInput(
      'invalid_grade',
      `grade.credibility: "${g.credibility}" is not a ${g.scale} information credibility (one of ${scale.credibility.join(', ')})`,
    );
  return { scale: g.scale, reliability: g.reliability, credibility: g.credibility };
}

/** The scale of an ungraded-scale contribution: the 4x4 when both letters fit it, else Admiralty. */
export function inferScale(reliability: string, credibility: string): GradeScale {
  const f = GRADE_SCALES['4x4'];
  return (f.reliability as readonly string[]).includes(reliability) &&
    (f.credibility as readonly string[]).includes(credibility)
    ? '4x4'
    : 'admiralty';
}

/** How a CAR prints a grade: `B2 (4x4)`, or `ungraded`. */
export function formatGrade(scale: string | null | undefined, r: string | null, c: string | null): string {
  if (r === null || c === null) return 'ungraded';
  return `${r}${c} (${scale === 'admiralty' ? 'Admiralty' : scale === '4x4' ? '4x4' : inferScale(r, c)})`;
}

/** A contribution is named by its target and its organisation: `<targetId>.<orgId>`. */
export function parseContributionId(id: string): { targetId: string; orgId: string } {
  const at = id.indexOf('.');
  if (at <= 0 || at === id.length - 1)
    throw invalidInput('invalid_input', `contributionId: "${id}" is not <targetId>.<orgId>`);
  return { targetId: id.slice(0, at), orgId: id.slice(at + 1) };
}

/**
 * Grades one contribution (the lead or a participating agency evaluates the source and the
 * information), audited with the grade before. A non-participant gets `not_found`.
 */
export async function gradeContribution(
  store: Store,
  actor: UserViewer,
  operationId: string,
  contributionId: string,
  raw: GradeInput,
): Promise<Grade & { contributionId: string }> {
  const grade = checkGrade(raw);
  const { targetId, orgId } = parseContributionId(contributionId);
  return await auditedWrite(
    store,
    actor,
    { action: 'operation.grade', target: contributionId },
    async (trx) => {
      const access = await operationAccess(trx, actor, operationId);
      requireOperationManager(access, actor, 'grade contributions');
      const before = await findContribution(trx, access.operation.id, targetId, orgId);
      if (before === undefined) throw notFound(`contribution ${contributionId}`);
      await trx
        .updateTable('operation_contributions')
        .set({ reliability: grade.reliability, credibility: grade.credibility, grade_scale: grade.scale })
        .where('operation_id', '=', access.operation.id)
        .where('target_id', '=', targetId)
        .where('org_id', '=', orgId)
        .execute();
      await auditOk(trx, actor, 'operation.grade', contributionId, {
        operation: access.operation.id,
        before: {
          reliability: before.reliability,
          credibility: before.credibility,
          scale: before.grade_scale,
        },
        after: grade,
      });
      return { ...grade, contributionId };
    },
  );
}

function findContribution(db: Kysely<Database>, operationId: string, targetId: string, orgId: string) {
  return db
    .selectFrom('operation_contributions')
    .select(['reliability', 'credibility', 'grade_scale'])
    .where('operation_id', '=', operationId)
    .where('target_id', '=', targetId)
    .where('org_id', '=', orgId)
    .executeTakeFirst();
}
