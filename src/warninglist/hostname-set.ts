/**
 * Host names and every name under them: a lookup walks the name's suffixes label by label
 * (`a.b.example.com`, `b.example.com`, `example.com`, `com`), one hash lookup each.
 */
export class HostnameSet<T> {
  private readonly names = new Map<string, T[]>();

  add(hostname: string, item: T): void {
    const items = this.names.get(hostname);
    if (items === undefined) this.names.set(hostname, [item]);
    else items.push(item);
  }

  lookup(hostname: string, visit: (item: T, matched: string) => void): void {
    let at = 0;
    while (true) {
      const suffix = at === 0 ? hostname : hostname.slice(at);
      const items = this.names.get(suffix);
      if (items !== undefined) for (const item of items) visit(item, suffix);
      const dot = hostname.indexOf('.', at);
      if (dot < 0) return;
      at = dot + 1;
    }
  }
}
