import { describe, expect, it } from 'vitest';
import { runCase } from './validate-test-kit.js';

describe('open vocabularies accept values outside the suggested list', () => {
  it.each<[string, (o: Record<string, unknown>) => void]>([
    ['identity', (o) => (o.identity_class = 'telecom-fraud-unit')],
    ['identity', (o) => (o.sectors = ['mobile-network-operators'])],
    ['indicator', (o) => (o.pattern_type = 'kql')],
    ['indicator', (o) => (o.indicator_types = ['smishing-lure'])],
    ['threat-actor', (o) => (o.sophistication = 'galactic')],
    ['tool', (o) => (o.tool_types = ['sms-blaster'])],
    ['malware', (o) => (o.malware_types = ['sms-worm'])],
    ['grouping', (o) => (o.context = 'operation-parcel-storm')],
    ['infrastructure', (o) => (o.infrastructure_types = ['sim-box'])],
    ['location', (o) => (o.region = 'benelux')],
    ['report', (o) => (o.report_types = ['law-enforcement-package'])],
    ['malware-analysis', (o) => (o.result = 'inconclusive')],
    ['user-account', (o) => (o.account_type = 'sip')],
    ['file', (o) => (o.extensions = { 'windows-pebinary-ext': { pe_type: 'efi' } })],
  ])('%s', (type, mutate) => {
    // Warnings may appear (a changed contributing property changes the deterministic SCO id), errors may not.
    expect(runCase({ type, mutate })).toMatchObject({ valid: true, errors: [] });
  });
});
