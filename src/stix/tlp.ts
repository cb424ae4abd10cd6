/**
 * Traffic Light Protocol markings. TLP 2.0 is published by OASIS as a property extension of
 * marking-definition (cti-stix-common-objects, extension-definition--60a3c5c5-…); TLP 1.0 is the
 * four fixed marking definitions of STIX 2.1 §7.2.1.4, whose WHITE reads as CLEAR.
 */
export type TlpLevel = 'clear' | 'green' | 'amber' | 'amber+strict' | 'red';
export const TLP_LEVELS: readonly TlpLevel[] = ['clear', 'green', 'amber', 'amber+strict', 'red'];

export const TLP2_EXTENSION_ID = 'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d';

export const TLP2_MARKING_IDS: Readonly<Record<TlpLevel, string>> = {
  clear: 'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487',
  green: 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb',
  amber: 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421',
  'amber+strict': 'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003',
  red: 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1',
};

export type Tlp1Level = 'white' | 'green' | 'amber' | 'red';

export const TLP1_MARKING_IDS: Readonly<Record<Tlp1Level, string>> = {
  white: 'marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9',
  green: 'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da',
  amber: 'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82',
  red: 'marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed',
};

export interface TlpMarkingDefinition {
  type: 'marking-definition';
  spec_version: '2.1';
  id: string;
  created: string;
  name: string;
  [property: string]: unknown;
}

function tlp2Marking(level: TlpLevel): TlpMarkingDefinition {
  return {
    type: 'marking-definition',
    spec_version: '2.1',
    id: TLP2_MARKING_IDS[level],
    created: '2022-10-01T00:00:00.000Z',
    name: `TLP:${level.toUpperCase()}`,
    extensions: { [TLP2_EXTENSION_ID]: { extension_type: 'property-extension', tlp_2_0: level } },
  };
}

function tlp1Marking(level: Tlp1Level): TlpMarkingDefinition {
  return {
    type: 'marking-definition',
    spec_version: '2.1',
    id: TLP1_MARKING_IDS[level],
    created: '2017-01-20T00:00:00.000Z',
    definition_type: 'tlp',
    name: `TLP:${level.toUpperCase()}`,
    definition: { tlp: level },
  };
}

/** The official TLP 2.0 marking-definition objects, exactly as OASIS publishes them. */
export const TLP_MARKINGS: Readonly<Record<TlpLevel, TlpMarkingDefinition>> = {
  clear: tlp2Marking('clear'),
  green: tlp2Marking('green'),
  amber: tlp2Marking('amber'),
  'amber+strict': tlp2Marking('amber+strict'),
  red: tlp2Marking('red'),
};

/** The STIX 2.1 TLP 1.0 marking-definition objects (§7.2.1.4). */
export const TLP1_MARKINGS: Readonly<Record<Tlp1Level, TlpMarkingDefinition>> = {
  white: tlp1Marking('white'),
  green: tlp1Marking('green'),
  amber: tlp1Marking('amber'),
  red: tlp1Marking('red'),
};

const LEVEL_BY_ID: ReadonlyMap<string, TlpLevel> = new Map<string, TlpLevel>([
  ...TLP_LEVELS.map((level) => [TLP2_MARKING_IDS[level], level] as const),
  [TLP1_MARKING_IDS.white, 'clear'],
  [TLP1_MARKING_IDS.green, 'green'],
  [TLP1_MARKING_IDS.amber, 'amber'],
  [TLP1_MARKING_IDS.red, 'red'],
]);

/** The TLP level an official marking id stands for (TLP 1.0 WHITE → `clear`), else undefined. */
export function tlpLevelFromMarkingRef(id: string): TlpLevel | undefined {
  return LEVEL_BY_ID.get(id);
}

export function isTlpLevel(value: unknown): value is TlpLevel {
  return typeof value === 'string' && (TLP_LEVELS as readonly string[]).includes(value);
}
