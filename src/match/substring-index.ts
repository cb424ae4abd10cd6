import { AhoCorasick } from './aho-corasick.js';

/**
 * Substring index: Aho-Corasick over the literal each candidate must contain. Edits mark the
 * automaton stale; it is rebuilt once, on the next lookup, so bulk loads cost one build.
 */
export class SubstringIndex<T> {
  /** Items by literal; the automaton's `sets` share these arrays, so edits to them need no rebuild. */
  private readonly byLiteral = new Map<string, T[]>();
  private readonly members = new Map<string, Set<T>>();
  private automaton: AhoCorasick | null = null;
  private sets: T[][] = [];
  /** Literal indices found by the current scan (reused: a lookup allocates nothing). */
  private readonly found: number[] = [];
  private stale = false;

  get size(): number {
    return this.byLiteral.size;
  }

  add(literal: string, item: T): void {
    let items = this.byLiteral.get(literal);
    let members = this.members.get(literal);
    if (!items || !members) {
      this.byLiteral.set(literal, (items = []));
      this.members.set(literal, (members = new Set()));
      this.stale = true;
    }
    if (members.has(item)) return;
    members.add(item);
    items.push(item);
  }

  remove(literal: string, item: T): void {
    const items = this.byLiteral.get(literal);
    if (!items || this.members.get(literal)?.delete(item) !== true) return;
    items.splice(items.indexOf(item), 1);
    if (items.length === 0) {
      this.byLiteral.delete(literal);
      this.members.delete(literal);
      this.stale = true;
    }
  }

  lookup(text: string, visit: (item: T) => void): void {
    if (this.byLiteral.size === 0) return;
    if (this.stale || !this.automaton) {
      const literals = [...this.byLiteral.keys()];
      this.sets = [...this.byLiteral.values()];
      this.automaton = new AhoCorasick(literals);
      this.stale = false;
    }
    // Repeated occurrences re-visit the same items; callers de-duplicate per event.
    const sets = this.sets;
    const found = this.found;
    found.length = 0;
    if (this.automaton.scanInto(text, found) === 0) return;
    for (let i = 0; i < found.length; i++) {
      const items = sets[found[i]!]!;
      for (let j = 0; j < items.length; j++) visit(items[j]!);
    }
    found.length = 0;
  }
}
