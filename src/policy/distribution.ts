/**
 * Who an object version is distributed to (BRIEF.md, "The sharing model").
 * `group:<id>` names a sharing group; `federation` also reaches connected instances (src/federation).
 */
export type Distribution = 'organisation' | 'community' | 'public' | 'federation' | `group:${string}`;

export const DISTRIBUTION_PATTERN =
  /^(organisation|community|public|federation|group:[A-Za-z0-9_.:-]{1,128})$/;

export function isDistribution(value: unknown): value is Distribution {
  return typeof value === 'string' && DISTRIBUTION_PATTERN.test(value);
}

/** The sharing group a distribution names, if any. */
export function distributionGroup(distribution: Distribution): string | undefined {
  return distribution.startsWith('group:') ? distribution.slice('group:'.length) : undefined;
}
