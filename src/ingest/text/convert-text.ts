import { createHash } from 'node:crypto';
import type { StixObject } from '../../stix/types.js';
import { accordId } from '../accord-id.js';
import type { ConversionContext, ConversionResult } from '../conversion.js';
import { extractIndicators } from './extract-indicators.js';
import type { ExtractOptions } from './extract-indicators.js';
import { indicatorFor, vulnerabilityFor } from './stix-for-observable.js';

/**
 * Free text to STIX: one indicator per indicator-able value, a vulnerability per CVE, and a report
 * listing them all. Every id is deterministic (owner + value, owner + text digest for the report),
 * so importing the same text twice changes nothing. Never throws.
 */
export function convertText(
  text: string,
  ctx: ConversionContext,
  opts: ExtractOptions = {},
): ConversionResult {
  const result: ConversionResult = { objects: [], errors: [], warnings: [] };
  const { observables } = extractIndicators(text, opts);
  const refs: string[] = [];
  for (const o of observables) {
    const object = o.kind === 'cve' ? vulnerabilityFor(o.value, ctx) : indicatorFor(o, ctx);
    if (object === null) {
      result.warnings.push({
        code: 'no_stix_pattern',
        message: `${o.kind} ${o.value} has no STIX pattern; not imported`,
        line: o.line,
        column: o.column,
      });
      continue;
    }
    result.objects.push({ object });
    refs.push(object.id);
  }
  if (refs.length === 0) {
    result.warnings.push({ code: 'no_indicators', message: 'no indicators found in the text' });
    return result;
  }
  const digest = createHash('sha256').update(text, 'utf8').digest('hex');
  const report: StixObject = {
    type: 'report',
    spec_version: '2.1',
    id: accordId('report', ctx.ownerIdentityId, digest),
    created: ctx.now,
    modified: ctx.now,
    created_by_ref: ctx.ownerIdentityId,
    name: `Indicators extracted from ${ctx.source ?? 'text'}`,
    description: `${refs.length} indicator(s) extracted from ${opts.format ?? 'text'} input (sha256 ${digest}).`,
    report_types: ['threat-report'],
    published: ctx.now,
    object_refs: refs,
  };
  result.objects.push({ object: report });
  return result;
}
