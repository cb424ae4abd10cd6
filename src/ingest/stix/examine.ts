import { observablesOf } from '../../correlate/observables-of.js';
import { WarninglistScreen } from '../../lifecycle/warninglist-screen.js';
import type { WarninglistMode } from '../../lifecycle/warninglist-screen.js';
import type { UserViewer } from '../../policy/viewer.js';
import type { VersionRow } from '../../store/objects/version-row.js';
import { validateObject } from '../../stix/index.js';
import type { StixObject } from '../../stix/types.js';
import type { ObjectResult } from '../import-result.js';
import type { PrepareContext } from '../prepare-version.js';
import { prepareVersion } from '../prepare-version.js';
import { scanBundle } from './bundle-scanner.js';
import type { ScannedElement } from './bundle-scanner.js';
import { lineColumn, locateJsonError } from './json-error-locator.js';
import type { OrgDefaults, WriteChoice } from '../write-policy.js';

/**
 * Everything examining objects depends on, as plain data, so a worker thread can rebuild the same
 * context: who writes, what they chose, the organisations' defaults, and the warninglist mode
 * (none: no screening).
 */
export interface ExamineRecipe {
  writer: UserViewer;
  choice: WriteChoice;
  orgs: ReadonlyMap<string, OrgDefaults>;
  warninglist?: WarninglistMode;
}

/** The prepare context a recipe describes, and the step that adds warninglist flags to a result. */
export function examineContext(recipe: ExamineRecipe): { ctx: PrepareContext; annotate?: AnnotateResult } {
  const ctx: PrepareContext = {
    writer: recipe.writer,
    choice: recipe.choice,
    orgs: recipe.orgs,
    observablesOf,
  };
  if (recipe.warninglist === undefined) return { ctx };
  const screen = new WarninglistScreen(recipe.warninglist);
  ctx.screen = screen.screen;
  return {
    ctx,
    annotate: (result) => {
      screen.annotate(result);
    },
  };
}

/**
 * One step of reading a bundle, before anything is written: a top-level property of the bundle, an
 * object ready to be written (`row`), or an object that already has its final result (invalid or
 * refused). `bytes` is how far into the input the object ended, for progress.
 */
export type Examined =
  | { kind: 'header'; key: string; value: unknown }
  | { kind: 'row'; result: ObjectResult; row: VersionRow; bytes: number }
  | { kind: 'result'; result: ObjectResult; bytes: number };

/** Called on every result as it is examined (the warninglist screen adds its flags here). */
export type AnnotateResult = (result: ObjectResult) => void;

/**
 * Scans a bundle and examines each object in turn: parse, validate, place by the write rules.
 * Throws BundleSyntaxError when the input stops being a well-formed bundle.
 */
export async function* examineBundle(
  source: AsyncIterable<Buffer | string>,
  ctx: PrepareContext,
  maxObjectBytes: number,
  annotate?: AnnotateResult,
): AsyncGenerator<Examined> {
  for await (const item of scanBundle(source, { maxObjectBytes })) {
    if (item.kind === 'header') {
      yield item;
      continue;
    }
    const examined = examine(item, ctx);
    annotate?.(examined.result);
    yield examined;
  }
}

function examine(item: ScannedElement, ctx: PrepareContext): Exclude<Examined, { kind: 'header' }> {
  const path = `objects[${item.index}]`;
  const result: ObjectResult = { index: item.index, id: null, status: 'invalid', errors: [], warnings: [] };
  const done = { kind: 'result', result, bytes: item.bytes } as const;
  if (item.text === null) {
    result.errors.push({
      path,
      code: 'object_too_large',
      message: `object at line ${item.line}, column ${item.column} is ${item.tooLarge ?? 0} bytes, over the limit`,
    });
    return done;
  }
  let object: unknown;
  try {
    object = JSON.parse(item.text);
  } catch {
    const { offset, expected } = locateJsonError(item.text);
    const at = lineColumn(item.text, offset);
    const line = item.line + at.line - 1;
    const column = at.line === 1 ? item.column + at.column - 1 : at.column;
    result.errors.push({
      path,
      code: 'malformed_json',
      message: `malformed JSON at line ${line}, column ${column}: expected ${expected}`,
    });
    return done;
  }
  if (typeof object === 'object' && object !== null && typeof (object as { id?: unknown }).id === 'string') {
    result.id = (object as { id: string }).id;
  }
  const row = examineObject(object, path, ctx, result);
  return row === null ? done : { kind: 'row', result, row, bytes: item.bytes };
}

/**
 * The checks every imported object goes through, whatever its format: validation, then placement by
 * the write rules (`prepareAs`, when given, is what gets placed and stored instead of `object`). Fills
 * `result` (warnings; errors and status when it fails) and returns the row to write, or null.
 */
export function examineObject(
  object: unknown,
  path: string,
  ctx: PrepareContext,
  result: ObjectResult,
  prepareAs?: StixObject,
): VersionRow | null {
  const validation = validateObject(object, path);
  result.warnings = validation.warnings;
  if (!validation.valid) {
    result.status = 'invalid';
    result.errors = validation.errors;
    return null;
  }
  const row = prepareVersion(prepareAs ?? (object as StixObject), path, ctx);
  if ('code' in row) {
    result.status = 'refused';
    result.errors.push(row);
    return null;
  }
  return row;
}
