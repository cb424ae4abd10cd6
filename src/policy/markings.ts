import { uuidv5 } from '../ingest/accord-id.js';
import type { PapLevel, TlpLevel } from './tlp.js';

/** Ids of the official TLP 2.0 marking definitions (FIRST TLP 2.0 as published for STIX 2.1). */
export const TLP2_MARKING_IDS: Record<TlpLevel, string> = {
  clear: 'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487',
  green: 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb',
  amber: 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421',
  'amber+strict': 'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003',
  red: 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1',
};

/** The STIX 2.1 specification's TLP 1.0 definitions, still in wide use; WHITE reads as CLEAR. */
const TLP1_MARKING_IDS: Record<string, TlpLevel> = {
  'marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9': 'clear',
  'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da': 'green',
  'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82': 'amber',
  'marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed': 'red',
};

const TLP_BY_ID = new Map<string, TlpLevel>([
  ...Object.entries(TLP1_MARKING_IDS),
  ...Object.entries(TLP2_MARKING_IDS).map(([level, id]) => [id, level as TlpLevel] as const),
]);

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
  return TLP_BY_ID.get(ref);
}

export function papOfMarking(ref: string): PapLevel | undefined {
  return PAP_BY_ID.get(ref);
}

const TLP_ORDER: readonly TlpLevel[] = ['clear', 'green', 'amber', 'amber+strict', 'red'];

/** The most restrictive TLP among an object's marking refs (several can appear after merges). */
export function tlpOfRefs(refs: readonly unknown[] | undefined): TlpLevel | null {
  let found = -1;
  for (const ref of refs ?? []) {
    const level = typeof ref === 'string' ? TLP_BY_ID.get(ref) : undefined;
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
