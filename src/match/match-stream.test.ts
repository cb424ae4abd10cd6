import { describe, expect, it } from 'vitest';
import { MatchIndex } from './match-index.js';
import { MatchStream } from './match-stream.js';

function setup(patterns: Record<string, string>, opts = {}): MatchStream {
  const index = new MatchIndex();
  for (const [id, pattern] of Object.entries(patterns)) expect(index.add({ id, pattern }).ok).toBe(true);
  return new MatchStream(index, opts);
}

const at = (s: number): string => new Date(Date.UTC(2024, 0, 1) + s * 1000).toISOString();
const ev = (id: string, s: number, values: Record<string, string>) => ({ id, time: at(s), values });

describe('MatchStream', () => {
  it('completes FOLLOWEDBY in time order within the window', () => {
    const stream = setup({
      fb: "([ipv4-addr:value = '9.9.9.9'] FOLLOWEDBY [domain-name:value = 'x.com']) WITHIN 60 SECONDS",
    });
    expect(stream.push(ev('e1', 0, { 'domain-name:value': 'x.com' }))).toEqual([]);
    expect(stream.push(ev('e2', 10, { 'ipv4-addr:value': '9.9.9.9' }))).toEqual([]);
    expect(stream.push(ev('e3', 50, { 'domain-name:value': 'x.com' })).map((h) => h.events)).toEqual([
      ['e2', 'e3'],
    ]);
    // The evidence was used: the same incident does not alert again.
    expect(stream.push(ev('e4', 55, { 'domain-name:value': 'x.com' }))).toEqual([]);
  });

  it('forgets evidence older than WITHIN', () => {
    const stream = setup({
      w: "([ipv4-addr:value = '1.1.1.1'] AND [ipv4-addr:value = '2.2.2.2']) WITHIN 30 SECONDS",
    });
    stream.push(ev('a', 0, { 'ipv4-addr:value': '1.1.1.1' }));
    expect(stream.push(ev('b', 31, { 'ipv4-addr:value': '2.2.2.2' }))).toEqual([]);
    expect(stream.push(ev('c', 40, { 'ipv4-addr:value': '1.1.1.1' })).map((h) => h.events)).toEqual([
      ['b', 'c'],
    ]);
  });

  it('counts REPEATS over distinct events', () => {
    const stream = setup({ r: "[domain-name:value LIKE '%.evil.com'] REPEATS 3 TIMES WITHIN 100 SECONDS" });
    expect(stream.push(ev('1', 0, { 'domain-name:value': 'a.evil.com' }))).toEqual([]);
    expect(stream.push(ev('2', 1, { 'domain-name:value': 'b.evil.com' }))).toEqual([]);
    expect(stream.push(ev('3', 2, { 'domain-name:value': 'c.evil.com' })).map((h) => h.id)).toEqual(['r']);
  });

  it('is available from the index', () => {
    const index = new MatchIndex();
    index.add({ id: 'a', pattern: "[ipv4-addr:value = '1.1.1.1'] AND [ipv4-addr:value = '2.2.2.2']" });
    const stream = index.stream();
    expect(stream.push(ev('1', 0, { 'ipv4-addr:value': '2.2.2.2' }))).toEqual([]);
    expect(stream.push(ev('2', 1, { 'ipv4-addr:value': '1.1.1.1' })).map((h) => h.id)).toEqual(['a']);
  });

  it('passes single-event hits straight through', () => {
    const stream = setup({
      s: "[ipv4-addr:value = '5.5.5.5']",
      o: "[ipv4-addr:value = '6.6.6.6'] OR [ipv4-addr:value = '5.5.5.5']",
    });
    expect(
      stream
        .push(ev('1', 0, { 'ipv4-addr:value': '5.5.5.5' }))
        .map((h) => h.id)
        .sort(),
    ).toEqual(['o', 's']);
  });

  it('keeps memory bounded', () => {
    const stream = setup(
      Object.fromEntries(
        Array.from({ length: 50 }, (_, i) => [
          `p${i}`,
          `[ipv4-addr:value = '10.0.0.${i}'] AND [ipv4-addr:value = '10.9.9.9']`,
        ]),
      ),
      { maxIndicators: 10, maxEventsPerIndicator: 2 },
    );
    for (let i = 0; i < 50; i++) stream.push(ev(String(i), i, { 'ipv4-addr:value': `10.0.0.${i}` }));
    expect(stream.pendingIndicators).toBe(10);
  });
});
