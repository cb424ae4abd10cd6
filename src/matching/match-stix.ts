import { BundleSyntaxError, scanBundle } from '../ingest/stix/bundle-scanner.js';
import { evaluatePattern, observationsFromBundle } from '../pattern/index.js';
import type { Observation, Sco } from '../pattern/index.js';
import type { MatchRun } from './match-run.js';
import { observationEvent } from './observation-event.js';
import { indicatorAst } from './viewer-index.js';
import type { IndicatorInfo } from './viewer-index.js';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Reads a bundle's objects one by one; bad elements are malformed lines, a broken bundle ends the read. */
async function readBundle(
  run: MatchRun,
  source: AsyncIterable<Buffer | string>,
  name?: string,
): Promise<Sco[]> {
  const { maxObjectBytes = 5 * 1024 * 1024, maxStixObjects = 1_000_000 } = run.options;
  const objects: Sco[] = [];
  try {
    for await (const item of scanBundle(source, { maxObjectBytes })) {
      if (item.kind === 'header') {
        if (item.key === 'type' && item.value !== 'bundle') {
          run.reportMalformed(1, 'not a STIX bundle: "type" must be "bundle"', name);
          return objects;
        }
        continue;
      }
      if (item.text === null) {
        run.reportMalformed(item.line, `object larger than ${String(maxObjectBytes)} bytes`, name);
        continue;
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(item.text);
      } catch (error) {
        run.reportMalformed(item.line, `not JSON: ${(error as Error).message}`, name);
        continue;
      }
      if (!isRecord(parsed) || typeof parsed.type !== 'string') {
        run.reportMalformed(item.line, 'not a STIX object (no "type")', name);
        continue;
      }
      if (objects.length >= maxStixObjects) {
        run.reportMalformed(
          item.line,
          `more than ${String(maxStixObjects)} objects; the rest is not read`,
          name,
        );
        return objects;
      }
      objects.push(parsed);
    }
  } catch (error) {
    if (!(error instanceof BundleSyntaxError)) throw error;
    run.reportMalformed(error.line, error.message, name);
  }
  return objects;
}

/**
 * Matches the observed-data of a STIX bundle. Each observation is flattened into index keys so
 * the compiled index nominates candidates; every candidate is then decided by the general
 * evaluator with the specification's semantics: one-observation patterns against that
 * observation, multi-observation patterns (FOLLOWEDBY, qualifiers...) against the bundle's
 * observations together.
 */
export async function matchStix(
  run: MatchRun,
  source: AsyncIterable<Buffer | string>,
  name?: string,
): Promise<void> {
  const observations = observationsFromBundle(await readBundle(run, source, name));
  const where = name === undefined ? {} : { source: name };
  const compound = new Map<string, IndicatorInfo>();
  for (const obs of observations) {
    run.countEvent();
    const outcome = run.viewerIndex.index.evaluate(observationEvent(obs), true);
    for (const ind of outcome.partial?.keys() ?? []) compound.set(ind.id, ind.meta as IndicatorInfo);
    for (const hit of outcome.hits) {
      const info = hit.meta as IndicatorInfo;
      const ast = indicatorAst(info);
      if (ast === null) continue;
      if (ast.expr.type !== 'observation') {
        compound.set(info.id, info);
        continue;
      }
      if (!evaluatePattern(ast, [obs]).matched) continue;
      await run.emit(hit, { ...where, observed_data: [obs.id ?? ''] }, Date.parse(obs.last_observed));
    }
  }
  for (const info of compound.values()) {
    const ast = indicatorAst(info);
    if (ast === null) continue;
    const result = evaluatePattern(ast, observations);
    if (!result.matched) continue;
    const used = observations.filter(
      (o: Observation) => o.id !== undefined && result.matchedObservations.includes(o.id),
    );
    const last = Math.max(...used.map((o) => Date.parse(o.last_observed)).filter((t) => !Number.isNaN(t)));
    await run.emit(
      { id: info.id, meta: info },
      { ...where, observed_data: result.matchedObservations },
      Number.isFinite(last) ? last : undefined,
    );
  }
}
