import { describe, expect, it } from 'vitest';
import { worldMapCodes } from './world-geometry.js';
import { renderWorldMapSvg } from './world-map.js';

const paths = (svg: string) => [...svg.matchAll(/<path[^>]*data-iso="([A-Z]*)"[^>]*>/g)];
const fillOf = (tag: string) => /fill="([^"]+)"/.exec(tag)?.[1];

describe('renderWorldMapSvg', () => {
  it('draws every country, shading exactly those with a count, darkest for the largest', () => {
    const svg = renderWorldMapSvg({ FR: 5, de: 12, RU: 3, FJ: 2, SG: 4, ZZ: 9 }, { label: 'Victims' });
    expect(svg.startsWith('<svg')).toBe(true);
    const all = paths(svg);
    expect(all.length).toBeGreaterThan(170);
    const counted = all.filter((m) => m[0].includes('data-count='));
    // SG is below the 1:110m scale and ZZ is no country: neither is drawn.
    expect(counted.map((m) => m[1]).sort()).toEqual(['DE', 'FJ', 'FR', 'RU']);
    const blank = fillOf(all.find((m) => m[1] === 'BR')![0]);
    for (const m of counted) expect(fillOf(m[0])).not.toBe(blank);
    expect(fillOf(counted.find((m) => m[1] === 'DE')![0])).toBe('rgb(31,78,121)');
    expect(svg).toContain('<title>Germany: victims 12</title>');
  });

  it('draws a blank map without a scale when nothing is counted', () => {
    const svg = renderWorldMapSvg({});
    expect(svg).not.toContain('data-count=');
    expect(new Set(paths(svg).map((m) => fillOf(m[0]))).size).toBe(1);
  });

  it('keys the geometry by alpha-2, Kosovo as XK, no stripe across the antimeridian', () => {
    const codes = worldMapCodes();
    for (const c of ['US', 'FR', 'RU', 'FJ', 'NO', 'XK', 'AU']) expect(codes.has(c)).toBe(true);
    const svg = renderWorldMapSvg({ FJ: 1 }, { width: 720, height: 360 });
    const fiji = paths(svg).find((m) => m[1] === 'FJ')![0];
    const xs = [...(/ d="([^"]+)"/.exec(fiji)?.[1] ?? '').matchAll(/[ML]([\d.]+) /g)].map((m) =>
      Number(m[1]),
    );
    // Fiji's pieces sit at both edges; no single piece spans the map.
    const pieces = (/ d="([^"]+)"/.exec(fiji)?.[1] ?? '').split('Z').filter((p) => p.length > 0);
    for (const p of pieces) {
      const px = [...p.matchAll(/[ML]([\d.]+) /g)].map((m) => Number(m[1]));
      expect(Math.max(...px) - Math.min(...px)).toBeLessThan(100);
    }
    expect(xs.length).toBeGreaterThan(0);
  });
});
