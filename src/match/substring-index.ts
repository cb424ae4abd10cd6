import { AhoCorasick } from './aho-corasick.js';

/**
 * Substring index: Aho-Corasick over the literal each candidate must contain. Edits mark the
 * automaton stale; it is rebuilt once, on the next lookup, so bulk loads cost one build.
 */
export class SubstringIndex<T> {
  private readonly byLiteral = new Map<string, Set<T>>();
  private automaton: AhoCorasick | null = null;
  private sets: Set<T>[] = [];
  private stale = false;

  get size(): number {
    return this.byLiteral.size;
  }

  add(literal: string, item: T): void {
    let set = this.byLiteral.get(literal);
    if (!set) {
      this.byLiteral.set(literal, (set = new Set()));
      this.stale = true;
    }
    set.add(item);
  }

  remove(literal: string, item: T): void {
    const set = this.byLiteral.get(literal);
    if (set?.delete(item) && set.size === 0) {
      this.byLiteral.delete(literal);
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
    this.automaton.scan(text, (i) => {
      for (const item of sets[i]!) visit(item);
    });
  }
}
