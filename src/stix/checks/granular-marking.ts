import type { Issues } from '../issues.js';
import { describeValue, isPlainObject, joinPath, where } from '../issues.js';
import type { Check } from './check.js';
import { embedded, mutuallyExclusive } from './embedded.js';
import { languageTag } from './primitives.js';
import { ref, refTypes } from './refs.js';

const INDEX = /^\[(\d+)\]$/;

/**
 * Follows a selector such as `external_references.[0].source_name` into `root` (§7.2.3.1): dot-separated
 * property names, list items as `[n]`. True when every step exists.
 */
export function selectorResolves(root: Record<string, unknown>, selector: string): boolean {
  if (selector.length === 0 || selector.length > 1000) return false;
  let node: unknown = root;
  for (const step of selector.split('.')) {
    const index = INDEX.exec(step);
    if (index !== null) {
      if (!Array.isArray(node)) return false;
      node = node[Number(index[1])];
    } else {
      if (!isPlainObject(node) || !Object.hasOwn(node, step)) return false;
      node = node[step];
    }
    if (node === undefined) return false;
  }
  return true;
}

const selectors: Check = (value, path, out, root) => {
  if (!Array.isArray(value)) {
    out.error(
      path,
      'invalid_type',
      `Expected a list of selectors ${where(path)}, found ${describeValue(value)}.`,
    );
    return;
  }
  if (value.length === 0) out.error(path, 'empty_list', `The selector list ${where(path)} is empty.`);
  for (let i = 0; i < value.length; i++) {
    const selector: unknown = value[i];
    const selectorPath = joinPath(path, i);
    if (typeof selector !== 'string') {
      out.error(
        selectorPath,
        'invalid_type',
        `Expected a selector string ${where(selectorPath)}, found ${describeValue(selector)}.`,
      );
    } else if (!selectorResolves(root, selector)) {
      out.error(
        selectorPath,
        'invalid_selector',
        `The selector "${selector.slice(0, 80)}" ${where(selectorPath)} does not point to anything in this object.`,
      );
    }
  }
};

function oneOfMarkingOrLang(obj: Record<string, unknown>, path: string, out: Issues): void {
  if (obj.marking_ref === undefined && obj.lang === undefined) {
    out.error(
      path,
      'missing_property',
      `A granular marking needs either marking_ref or lang (${where(path)}).`,
    );
  }
  mutuallyExclusive(obj, ['marking_ref', 'lang'], 'granular marking', path, out);
}

/** Granular marking (§7.2.3): selectors plus exactly one of marking_ref or lang. */
export const granularMarking: Check = embedded({
  name: 'granular marking',
  properties: { selectors, marking_ref: ref(refTypes('marking-definition')), lang: languageTag },
  required: ['selectors'],
  rule: oneOfMarkingOrLang,
});
