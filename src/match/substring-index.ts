import { AhoCorasick } from './aho-corasick.js';
import { GRAM, GramScanner, LONG_GRAM } from './gram-scanner.js';

/**
 * Substring index over the literal each candidate must contain: gram filters (GramScanner) for
 * literals of GRAM characters or more (grams of LONG_GRAM characters for literals that long),
 * Aho-Corasick for shorter ones. Edits that add or drop a literal mark them stale; they are
 * rebuilt once, on the next lookup, so bulk loads cost one build.
 */
export class SubstringIndex<T> {
  /** Items by literal; the scanners' item lists share these arrays, so edits to them need no rebuild. */
  private readonly byLiteral = new Map<string, T[]>();
  private readonly members = new Map<string, Set<T>>();
  private automaton: AhoCorasick | null = null;
  private grams: GramScanner | null = null;
  private longGrams: GramScanner | null = null;
  /** Item lists of the automaton's literals, of the short-gram scanner's and the long-gram scanner's. */
  private shortSets: T[][] = [];
  private gramSets: T[][] = [];
  private longSets: T[][] = [];
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
    if (this.stale) this.rebuild();
    // Repeated occurrences re-visit the same items; callers de-duplicate per event.
    if (this.longGrams !== null)
      this.visitFound(this.longGrams.scanInto(text, this.found), this.longSets, visit);
    if (this.grams !== null) this.visitFound(this.grams.scanInto(text, this.found), this.gramSets, visit);
    if (this.automaton !== null)
      this.visitFound(this.automaton.scanInto(text, this.found), this.shortSets, visit);
  }

  private visitFound(count: number, sets: T[][], visit: (item: T) => void): void {
    if (count === 0) return;
    const found = this.found;
    for (let i = 0; i < found.length; i++) {
      const items = sets[found[i]!]!;
      for (let j = 0; j < items.length; j++) visit(items[j]!);
    }
    found.length = 0;
  }

  private rebuild(): void {
    const short: string[] = [];
    const mid: string[] = [];
    const long: string[] = [];
    this.shortSets = [];
    this.gramSets = [];
    this.longSets = [];
    for (const [literal, items] of this.byLiteral) {
      if (literal.length < GRAM) {
        short.push(literal);
        this.shortSets.push(items);
      } else if (literal.length < LONG_GRAM) {
        mid.push(literal);
        this.gramSets.push(items);
      } else {
        long.push(literal);
        this.longSets.push(items);
      }
    }
    this.automaton = short.length > 0 ? new AhoCorasick(short) : null;
    this.grams = mid.length > 0 ? new GramScanner(mid, GRAM) : null;
    this.longGrams = long.length > 0 ? new GramScanner(long, LONG_GRAM) : null;
    this.stale = false;
  }
}
