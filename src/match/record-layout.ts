/**
 * Reads a fixed set of top-level fields from records that mostly share one key order, as the
 * lines of one log do (`JSON.parse` gives them one hidden class). The record's own keys are walked
 * once with `for...in` and compared by identity with the key order last seen (`JSON.parse`
 * interns keys), which V8 runs from the object's enumeration cache; reading each field by a
 * computed name instead costs a megamorphic property lookup per field. A record in another order
 * is read through `Object.keys` and its order learnt. Records far wider than the names asked for
 * are read name by name instead, so a wide record costs what it did before.
 */
export class RecordLayout {
  /** The value of each name for the last record read (undefined: not an own key). */
  readonly values: unknown[];
  private readonly names: readonly string[];
  private readonly byName = new Map<string, number>();
  /** For each name, the index of its first occurrence (a name may be asked for twice). */
  private readonly firstOf: number[];
  private keys: string[] = [];
  /** For each key position of the learnt order: the index of the name there, or -1. */
  private slots: number[] = [];
  /** The last record learnt had many more keys than there are names: read by name. */
  private wide = false;

  constructor(names: readonly string[]) {
    this.values = new Array<unknown>(names.length).fill(undefined);
    this.names = names;
    this.firstOf = names.map((name, i) => {
      const first = this.byName.get(name);
      if (first !== undefined) return first;
      this.byName.set(name, i);
      return i;
    });
  }

  read(record: Record<string, unknown>): void {
    const values = this.values;
    if (this.wide) {
      this.readByName(record);
      // Back to walking keys once records are narrow again.
      if (this.keys.length !== 0 && !Object.hasOwn(record, this.keys[this.keys.length - 1]!))
        this.learn(record);
      return;
    }
    for (let i = 0; i < values.length; i++) values[i] = undefined;
    const keys = this.keys;
    const slots = this.slots;
    let pos = 0;
    let same = true;
    for (const k in record) {
      if (pos >= keys.length || keys[pos] !== k) {
        same = false;
        break;
      }
      const slot = slots[pos++]!;
      if (slot >= 0) values[slot] = record[k];
    }
    // Another order or more keys (inherited enumerable ones too, which for...in also lists):
    // relearn. Fewer keys (a prefix of the learnt order) were read right.
    if (!same) this.learn(record);
    const firstOf = this.firstOf;
    for (let i = 0; i < firstOf.length; i++) if (firstOf[i] !== i) values[i] = values[firstOf[i]!];
  }

  private readByName(record: Record<string, unknown>): void {
    const { values, names } = this;
    for (let i = 0; i < names.length; i++) {
      const name = names[i]!;
      values[i] = Object.hasOwn(record, name) ? record[name] : undefined;
    }
  }

  private learn(record: Record<string, unknown>): void {
    const values = this.values;
    this.keys = Object.keys(record);
    this.wide = this.keys.length > 16 + 4 * values.length;
    this.slots = this.keys.map((k) => this.byName.get(k) ?? -1);
    for (let i = 0; i < values.length; i++) values[i] = undefined;
    for (let p = 0; p < this.keys.length; p++) {
      const slot = this.slots[p]!;
      if (slot >= 0) values[slot] = record[this.keys[p]!];
    }
  }
}
