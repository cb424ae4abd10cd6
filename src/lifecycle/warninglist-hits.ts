import type { Observable } from '../observable/kind.js';
import { BUILTIN_WARNINGLISTS, WarninglistIndex } from '../warninglist/index.js';

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
