import { readFileSync } from 'node:fs';

/** Test support: the hand-written bundle holding a valid object of every STIX 2.1 type. */
export const EVERY_TYPE_BUNDLE = JSON.parse(
  readFileSync(new URL('../../test/fixtures/every-type.bundle.json', import.meta.url), 'utf8'),
) as { type: string; id: string; objects: Array<Record<string, unknown>> };

/** A fresh copy of the fixture's first object of `type`, to mutate in a test. */
export function fixtureObject(type: string): Record<string, unknown> {
  const found = EVERY_TYPE_BUNDLE.objects.find((obj) => obj.type === type);
  if (found === undefined) throw new Error(`the every-type fixture has no ${type}`);
  return structuredClone(found);
}
