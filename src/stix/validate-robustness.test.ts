import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EVERY_TYPE_BUNDLE } from './every-type.fixture.js';
import type { ValidationResult } from './types.js';
import { validateBundle } from './validate-bundle.js';
import { validateObject } from './validate-object.js';
import { errorKeys } from './validate-test-kit.js';

function nest(levels: number): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < levels; i++) value = i % 2 === 0 ? [value] : { inner: value };
  return value;
}

function expectWellFormed(result: ValidationResult): void {
  expect(typeof result.valid).toBe('boolean');
  expect(Array.isArray(result.errors)).toBe(true);
  expect(Array.isArray(result.warnings)).toBe(true);
  expect(result.valid).toBe(result.errors.length === 0);
  for (const issue of [...result.errors, ...result.warnings]) {
    expect(typeof issue.path).toBe('string');
    expect(issue.code).toMatch(/^[a-z_]+$/);
    expect(issue.message.length).toBeGreaterThan(10);
  }
}

describe('depth limit', () => {
  it('accepts 100 levels and refuses 101 with too_deep', () => {
    const base = EVERY_TYPE_BUNDLE.objects.find((obj) => obj.type === 'tool')!;
    expect(validateObject({ ...base, x_deep: nest(99) }).valid).toBe(true);
    expect(errorKeys(validateObject({ ...base, x_deep: nest(100) }))).toEqual(['too_deep x_deep']);
  });

  it('survives 10,000-deep nesting in an object and in a bundle', () => {
    const base = EVERY_TYPE_BUNDLE.objects.find((obj) => obj.type === 'url')!;
    const deep = nest(10_000);
    expect(errorKeys(validateObject({ ...base, x_deep: deep }))).toEqual(['too_deep x_deep']);
    expect(
      errorKeys(
        validateBundle({ ...EVERY_TYPE_BUNDLE, objects: [{ ...base, extensions: { 'x-deep-ext': deep } }] }),
      ),
    ).toEqual(['too_deep objects[0].extensions']);
    expectWellFormed(validateBundle(deep));
    expectWellFormed(validateObject(deep));
  });
});

describe('validators never throw', () => {
  it('on arbitrary values', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        expectWellFormed(validateObject(value));
        expectWellFormed(validateObject(value, 'objects[0]'));
        expectWellFormed(validateBundle(value));
        expectWellFormed(
          validateBundle({
            type: 'bundle',
            id: 'bundle--8f4c1e2d-3b5a-4c6d-9e7f-0a1b2c3d4e5f',
            objects: [value],
          }),
        );
      }),
      { numRuns: 500 },
    );
  });

  const objects = EVERY_TYPE_BUNDLE.objects;
  const keyOf = (obj: Record<string, unknown>) =>
    fc.constantFrom(...Object.keys(obj), 'x_custom', 'unknown_key', 'extensions', 'granular_markings');

  it('on valid objects with one property replaced by anything', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 0, max: objects.length - 1 })
          .chain((i) => fc.tuple(fc.constant(i), keyOf(objects[i]!), fc.anything())),
        ([index, key, value]) => {
          const obj = { ...objects[index]!, [key]: value };
          expectWellFormed(validateObject(obj));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('on valid objects with a nested value replaced by JSON of any shape', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: objects.length - 1 }),
        fc.jsonValue(),
        fc.nat(),
        (index, value, pick) => {
          const obj = structuredClone(objects[index]!);
          const containers = Object.entries(obj).filter(([, v]) => typeof v === 'object' && v !== null);
          if (containers.length === 0) return;
          const [, container] = containers[pick % containers.length]!;
          const inner = Array.isArray(container) ? container : (container as Record<string, unknown>);
          const keys = Object.keys(inner);
          if (keys.length === 0) return;
          (inner as Record<string, unknown>)[keys[pick % keys.length]!] = value;
          expectWellFormed(validateObject(obj));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('on bundles whose objects are shuffled, dropped or replaced', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constantFrom(...objects), fc.anything(), fc.object()), { maxLength: 20 }),
        (list) => {
          expectWellFormed(validateBundle({ ...EVERY_TYPE_BUNDLE, objects: list }));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('on objects with hostile keys', () => {
    for (const key of ['__proto__', 'constructor', 'hasOwnProperty', 'toString']) {
      const obj = JSON.parse(
        `{"type":"url","id":"url--0740997e-a346-5322-ad0c-d09aaf39db97","value":"x","${key}":{"a":1}}`,
      ) as unknown;
      expectWellFormed(validateObject(obj));
    }
    const withNullProto = Object.assign(Object.create(null) as object, EVERY_TYPE_BUNDLE.objects[0]);
    expectWellFormed(validateObject(withNullProto));
  });
});
