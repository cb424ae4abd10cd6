import { createRequire } from 'node:module';
import countries from 'i18n-iso-countries';
import { feature } from 'topojson-client';
import type { Topology, GeometryCollection } from 'topojson-specification';

/**
 * The world's countries as GeoJSON, from Natural Earth's 1:110m admin-0 boundaries (public domain) as
 * shipped by the `world-atlas` package, so nothing is downloaded at run time. Each feature is keyed by
 * its ISO 3166-1 alpha-2 code (`properties.iso`), mapped from the numeric code Natural Earth carries;
 * the few areas without an assigned code (Northern Cyprus, Somaliland) keep `iso: ''` and are drawn
 * blank. Kosovo uses the user-assigned `XK` that registries and CTI sources commonly use.
 */
export interface WorldFeature {
  type: 'Feature';
  properties: { iso: string; name: string };
  geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: number[][][] | number[][][][] };
}

export interface WorldGeometry {
  type: 'FeatureCollection';
  features: WorldFeature[];
}

const BY_NAME: Readonly<Record<string, string>> = { Kosovo: 'XK' };

let cached: WorldGeometry | undefined;

/** The geometry, read and converted once per process. */
export function worldGeometry(): WorldGeometry {
  if (cached !== undefined) return cached;
  const require = createRequire(import.meta.url);
  const topo = require('world-atlas/countries-110m.json') as Topology<{
    countries: GeometryCollection<{ name: string }>;
  }>;
  const collection = feature(topo, topo.objects.countries) as unknown as {
    features: Array<{
      id?: string | number;
      properties: { name: string };
      geometry: WorldFeature['geometry'];
    }>;
  };
  cached = {
    type: 'FeatureCollection',
    // Antarctica is left out: nothing is hosted or victimised there, and it would take a fifth of the map.
    features: collection.features
      .filter((f) => f.properties.name !== 'Antarctica')
      .map((f) => {
        const numeric = f.id === undefined ? undefined : String(f.id);
        const iso = (numeric && countries.numericToAlpha2(numeric)) || BY_NAME[f.properties.name] || '';
        return {
          type: 'Feature',
          properties: { iso, name: f.properties.name },
          geometry: { type: f.geometry.type, coordinates: unwrapAntimeridian(f.geometry) },
        };
      }),
  };
  return cached;
}

/** The alpha-2 codes the map can draw. */
export function worldMapCodes(): ReadonlySet<string> {
  return new Set(
    worldGeometry()
      .features.map((f) => f.properties.iso)
      .filter((c) => c !== ''),
  );
}

/**
 * Rings that cross the antimeridian (Fiji, Chukotka) jump from +180 to -180 and would be drawn as a
 * stripe across the whole map on a plain longitude/latitude projection; each ring is made continuous
 * and then held to ±180, which leaves the overhang as a sliver on the map's edge.
 */
function unwrapAntimeridian(g: WorldFeature['geometry']): WorldFeature['geometry']['coordinates'] {
  const ring = (points: number[][]): number[][] => {
    let shift = 0;
    let previous: number | undefined;
    return points.map(([lon, lat]) => {
      if (previous !== undefined && Math.abs(lon! - previous) > 180) shift += lon! < previous ? 360 : -360;
      previous = lon!;
      return [Math.max(-180, Math.min(180, lon! + shift)), lat!];
    });
  };
  return g.type === 'Polygon'
    ? (g.coordinates as number[][][]).map(ring)
    : (g.coordinates as number[][][][]).map((p) => p.map(ring));
}
