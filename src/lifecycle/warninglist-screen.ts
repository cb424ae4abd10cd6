import type { ObjectResult } from '../ingest/import-result.js';
import type { Observable } from '../observable/kind.js';
import type { StixObject, ValidationIssue } from '../stix/types.js';
import type { WarninglistIndex } from '../warninglist/index.js';
import { builtinWarninglists, warninglistHits } from './warninglist-hits.js';

/** What an import does with an object whose value is on a warninglist. */
export type WarninglistMode = 'flag' | 'drop';

/**
 * Warninglists applied at import. `flag` writes the object and adds a `warninglisted` warning to its
 * result; `drop` refuses it with the code `warninglisted` (so, like any refusal, `strict` rejects the
 * whole bundle). `screen` plugs into `PrepareContext.screen`, `annotate` into the result callback.
 */
export class WarninglistScreen {
  // Keyed by the object's path (`objects[3]`): unique per import, unlike ids (versions share one).
  private readonly flagged = new Map<string, ValidationIssue[]>();

  constructor(
    readonly mode: WarninglistMode,
    private readonly index: WarninglistIndex = builtinWarninglists(),
  ) {}

  readonly screen = (
    _object: StixObject,
    observables: readonly Observable[],
    path: string,
  ): ValidationIssue | null => {
    if (observables.length === 0) return null;
    const hits = warninglistHits(observables, this.index);
    if (hits.length === 0) return null;
    const issues = hits.map((h) => ({ path, code: 'warninglisted', message: `${h.value} is on ${h.list}` }));
    if (this.mode === 'drop') {
      return {
        path,
        code: 'warninglisted',
        message: `${issues.map((i) => i.message).join('; ')}: dropped (warninglisted values are not imported on request)`,
      };
    }
    this.flagged.set(path, issues);
    return null;
  };

  /** Adds the warninglist flags recorded for this result's object to its warnings. */
  annotate(result: ObjectResult): void {
    const path = `objects[${result.index}]`;
    const issues = this.flagged.get(path);
    if (issues === undefined) return;
    this.flagged.delete(path);
    result.warnings.push(...issues);
  }
}
