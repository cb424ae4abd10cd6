import { TLP2_MARKING_IDS, tlpLevelFromMarkingRef } from '../stix/tlp.js';
import { uuidv5 } from '../stix/uuid-v5.js';
import type { PapLevel, TlpLevel } from './tlp.js';

export { TLP2_MARKING_IDS };

/** Namespace for Accord's own fixed marking definitions (PAP, handling codes). */
const MARKING_NAMESPACE = '0b8e2f7c-4d1a-5c3e-8f6b-9a2d4e1c7b35';

function fixedMarkingId(name: string): string {
  return `marking-definition--${uuidv5(name, MARKING_NAMESPACE)}`;
}

export const PAP_MARKING_IDS: Record<PapLevel, string> = {
  clear: fixedMarkingId('PAP:CLEAR'),
  green: fixedMarkingId('PAP:GREEN'),
  amber: fixedMarkingId('PAP:AMBER'),
  red: fixedMarkingId('PAP:RED'),
};

export const HANDLING_CODES = ['H0', 'H1', 'H2', 'H3'] as const;
export type HandlingCode = (typeof HANDLING_CODES)[number];

export const HANDLING_MARKING_IDS: Record<HandlingCode, string> = {
  H0: fixedMarkingId('HANDLING:H0'),
  H1: fixedMarkingId('HANDLING:H1'),
  H2: fixedMarkingId('HANDLING:H2'),
  H3: fixedMarkingId('HANDLING:H3'),
};

const PAP_BY_ID = new Map(Object.entries(PAP_MARKING_IDS).map(([level, id]) => [id, level as PapLevel]));

export function tlpOfMarking(ref: string): TlpLevel | undefined {
  return tlpLevelFromMarkingRef(ref);
}

export function papOfMarking(ref: string): PapLevel | undefined {
  return PAP_BY_ID.get(ref);
}

const TLP_ORDER: readonly TlpLevel[] = ['clear', 'green', 'amber', 'amber+strict', 'red'];

/** The most restrictive TLP among an object's marking refs (several can appear after merges). */
export function tlpOfRefs(refs: readonly unknown[] | undefined): TlpLevel | null {
  let found = -1;
  for (const ref of refs ?? []) {
    const level = typeof ref === 'string' ? tlpLevelFromMarkingRef(ref) : undefined;
    if (level !== undefined) found = Math.max(found, TLP_ORDER.indexOf(level));
  }
  return found < 0 ? null : TLP_ORDER[found]!;
}

const PAP_ORDER: readonly PapLevel[] = ['clear', 'green', 'amber', 'red'];

export function papOfRefs(refs: readonly unknown[] | undefined): PapLevel | null {
  let found = -1;
  for (const ref of refs ?? []) {
    const level = typeof ref === 'string' ? PAP_BY_ID.get(ref) : undefined;
    if (level !== undefined) found = Math.max(found, PAP_ORDER.indexOf(level));
  }
  return found < 0 ? null : PAP_ORDER[found]!;
}

const MARKING_CREATED = '2022-10-01T00:00:00.000Z';

/** The full marking-definition objects for Accord's PAP and handling-code markings (statements). */
export function accordMarkingDefinitions(): Array<Record<string, unknown>> {
  const statement = (id: string, name: string, text: string) => ({
    type: 'marking-definition',
    spec_version: '2.1',
    id,
    created: MARKING_CREATED,
    name,
    definition_type: 'statement',
    definition: { statement: text },
  });
  return [
    ...Object.entries(PAP_MARKING_IDS).map(([level, id]) =>
      statement(id, `PAP:${level.toUpperCase()}`, `Permissible Actions Protocol: PAP:${level.toUpperCase()}`),
    ),
    ...Object.entries(HANDLING_MARKING_IDS).map(([code, id]) =>
      statement(id, `HANDLING:${code}`, `Law-enforcement handling code ${code}`),
    ),
  ];
}
