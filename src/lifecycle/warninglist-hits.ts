import type { Observable } from '../observable/kind.js';
// Not from the warninglist barrel: it also exports the MISP list parser, which loads zod, and this
// module runs on the import worker thread, which has no use for it.
import { BUILTIN_WARNINGLISTS } from '../warninglist/builtin-warninglists.js';
import { WarninglistIndex } from '../warninglist/warninglist-index.js';

export interface ObservableWarning {
  kind: string;
  value: string;
  list: string;
  reason: string;
}

let builtin: WarninglistIndex | undefined;

/** The built-in warninglists, compiled once on first use. */
export function builtinWarninglists(): WarninglistIndex {
  builtin ??= new WarninglistIndex(BUILTIN_WARNINGLISTS);
  return builtin;
}

/** Every warninglist each observable is on, one entry per (value, list). */
export function warninglistHits(
  observables: readonly Observable[],
  index: WarninglistIndex = builtinWarninglists(),
): ObservableWarning[] {
  return observables.flatMap((o) => index.check(o).map((hit) => ({ kind: o.kind, value: o.value, ...hit })));
}
