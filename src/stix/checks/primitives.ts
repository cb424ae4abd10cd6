import { describeValue, isPlainObject, joinPath, where } from '../issues.js';
import { hasMillisecondPrecision, isStixTimestamp } from '../timestamp.js';
import type { Check } from './check.js';

export const string: Check = (value, path, out) => {
  if (typeof value !== 'string')
    out.error(path, 'invalid_type', `Expected a string ${where(path)}, found ${describeValue(value)}.`);
};

export const boolean: Check = (value, path, out) => {
  if (typeof value !== 'boolean')
    out.error(path, 'invalid_type', `Expected true or false ${where(path)}, found ${describeValue(value)}.`);
};

export function integer(min?: number, max?: number): Check {
  return (value, path, out) => {
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      out.error(path, 'invalid_type', `Expected an integer ${where(path)}, found ${describeValue(value)}.`);
    } else if ((min !== undefined && value < min) || (max !== undefined && value > max)) {
      out.error(
        path,
        'invalid_value',
        `The integer ${value} ${where(path)} is outside the allowed range ${range(min, max)}.`,
      );
    }
  };
}

export function float(min?: number, max?: number): Check {
  return (value, path, out) => {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      out.error(path, 'invalid_type', `Expected a number ${where(path)}, found ${describeValue(value)}.`);
    } else if ((min !== undefined && value < min) || (max !== undefined && value > max)) {
      out.error(
        path,
        'invalid_value',
        `The number ${value} ${where(path)} is outside the allowed range ${range(min, max)}.`,
      );
    }
  };
}

function range(min?: number, max?: number): string {
  if (min !== undefined && max !== undefined) return `${min} to ${max}`;
  return min !== undefined ? `${min} or more` : `${max ?? ''} or less`;
}

export const timestamp: Check = (value, path, out) => {
  if (!isStixTimestamp(value)) {
    const found = typeof value === 'string' ? `"${value.slice(0, 40)}"` : describeValue(value);
    out.error(
      path,
      'invalid_timestamp',
      `Expected a UTC timestamp such as 2024-05-01T12:00:00.000Z ${where(path)}, found ${found}.`,
    );
  }
};

/** `created` and `modified` are timestamps that STIX wants to the millisecond; less is a warning only. */
export const millisecondTimestamp: Check = (value, path, out, root) => {
  timestamp(value, path, out, root);
  if (isStixTimestamp(value) && !hasMillisecondPrecision(value)) {
    out.warn(
      path,
      'timestamp_precision',
      `The timestamp ${where(path)} should have at least millisecond precision (e.g. .000Z).`,
    );
  }
};

export function listOf(item: Check): Check {
  return (value, path, out, root) => {
    if (!Array.isArray(value)) {
      out.error(path, 'invalid_type', `Expected a list ${where(path)}, found ${describeValue(value)}.`);
      return;
    }
    if (value.length === 0) {
      out.error(
        path,
        'empty_list',
        `The list ${where(path)} is empty; STIX requires omitting the property instead.`,
      );
      return;
    }
    for (let i = 0; i < value.length; i++) item(value[i], joinPath(path, i), out, root);
  };
}

/** A closed vocabulary (an "enum" in STIX): values outside it are errors. */
export function enumOf(values: readonly string[]): Check {
  const allowed = new Set(values);
  return (value, path, out) => {
    if (typeof value !== 'string') {
      out.error(path, 'invalid_type', `Expected a string ${where(path)}, found ${describeValue(value)}.`);
    } else if (!allowed.has(value)) {
      out.error(
        path,
        'not_in_vocabulary',
        `"${value.slice(0, 60)}" ${where(path)} is not one of: ${values.join(', ')}.`,
      );
    }
  };
}

/** Open vocabularies accept any string; the suggested values are documentation, never a constraint. */
export const openVocab: Check = string;

export function pattern(re: RegExp, description: string): Check {
  return (value, path, out) => {
    if (typeof value !== 'string') {
      out.error(path, 'invalid_type', `Expected a string ${where(path)}, found ${describeValue(value)}.`);
    } else if (!re.test(value)) {
      out.error(path, 'invalid_value', `"${value.slice(0, 60)}" ${where(path)} is not ${description}.`);
    }
  };
}

/** STIX `hex` type: an even number of hexadecimal digits. */
export const hex = pattern(/^(?:[a-fA-F0-9]{2})+$/, 'hexadecimal (an even number of 0-9/a-f digits)');

/** STIX `binary` type: base64 (RFC 4648 §4). */
export const binary = pattern(
  /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/,
  'base64-encoded binary',
);

/** RFC 5646 language tag, loosely: the shape, not the registry. */
export const languageTag = pattern(
  /^[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*$/,
  'a language tag such as "en" or "fr-CA"',
);

const DICTIONARY_KEY = /^[A-Za-z0-9_-]{1,250}$/;

/**
 * STIX dictionary (§2.7): a non-empty object whose keys are 1–250 ASCII letters, digits, `-` or `_`.
 * Values may be anything JSON holds (except null), so they are not inspected further.
 */
export function dictionary(value?: Check): Check {
  return (input, path, out, root) => {
    if (!isPlainObject(input)) {
      out.error(
        path,
        'invalid_type',
        `Expected a dictionary (JSON object) ${where(path)}, found ${describeValue(input)}.`,
      );
      return;
    }
    let count = 0;
    for (const key of Object.keys(input)) {
      count++;
      const keyPath = joinPath(path, key);
      if (!DICTIONARY_KEY.test(key)) {
        out.error(
          keyPath,
          'invalid_dictionary_key',
          `The dictionary key "${key.slice(0, 60)}" ${where(path)} may only use letters, digits, "-" and "_" (1 to 250 characters).`,
        );
      }
      const member = input[key];
      if (member === null)
        out.error(
          keyPath,
          'invalid_type',
          `The dictionary value ${where(keyPath)} is null; STIX does not allow null values.`,
        );
      else if (value !== undefined) value(member, keyPath, out, root);
    }
    if (count === 0)
      out.error(
        path,
        'empty_dictionary',
        `The dictionary ${where(path)} is empty; STIX requires omitting the property instead.`,
      );
  };
}

/** Accepts any value; used for properties whose content is checked elsewhere (type, id, extensions). */
export const handledElsewhere: Check = () => undefined;
