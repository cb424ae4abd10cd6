import { describe, expect, it } from 'vitest';
import { computeScoId } from './sco-id.js';
import { uuidv5 } from './uuid-v5.js';

/**
 * Published vectors. The first two are asserted by the OASIS reference library's own tests
 * (cti-python-stix2, stix2/test/v21/test_deterministic_ids.py); the directory one appears in its
 * observed-data tests. They exercise nested extensions, a float, lists of objects and hash choice.
 */
describe('computeScoId: published vectors', () => {
  it('file with a PE extension (python-stix2 test_id_gen_recursive_dict_conversion_1)', () => {
    const file = {
      type: 'file',
      id: 'file--00000000-0000-4000-8000-000000000000',
      name: 'example.exe',
      size: 68 * 1000,
      magic_number_hex: '50000000',
      hashes: { 'SHA-256': '841a8921140aba50671ebb0770fecc4ee308c4952cfeff8de154ab14eeef4649' },
      extensions: {
        'windows-pebinary-ext': {
          pe_type: 'exe',
          machine_hex: '014c',
          sections: [
            {
              name: '.data',
              size: 4096,
              entropy: 7.980693,
              hashes: { 'SHA-256': '6e3b6f3978e5cd96ba7abee35c24e867b7e64072e2ecb22d0ee7a6e6af6894d0' },
            },
          ],
        },
      },
    };
    expect(computeScoId(file)).toBe('file--ced31cd4-bdcb-537d-aefa-92d291bfc11d');
  });

  it('windows-registry-key values (python-stix2 test_id_gen_recursive_dict_conversion_2)', () => {
    const key = {
      type: 'windows-registry-key',
      id: 'windows-registry-key--00000000-0000-4000-8000-000000000000',
      values: [
        { name: 'Foo', data: 'qwerty' },
        { name: 'Bar', data: '42' },
      ],
    };
    expect(computeScoId(key)).toBe('windows-registry-key--36594eba-bcc7-5014-9835-0e154264e588');
  });

  it('directory path (python-stix2 test_observed_data)', () => {
    const dir = {
      type: 'directory',
      id: 'directory--00000000-0000-4000-8000-000000000000',
      path: '/usr/home',
      contains_refs: ['file--5956efbb-a7b0-566d-a7f9-a202eb05c70f'],
    };
    expect(computeScoId(dir)).toBe('directory--ee97f78e-7e2b-5b3d-bcbd-5692968cacea');
  });
});

describe('computeScoId: rules', () => {
  const ns = '00abedb4-aa42-466c-9c01-fed23315a9b7';

  it('hashes the canonical JSON of the contributing properties only', () => {
    const addr = {
      type: 'email-addr',
      id: 'email-addr--00000000-0000-4000-8000-000000000000',
      value: 'john@example.com',
      display_name: 'John',
    };
    expect(computeScoId(addr)).toBe(`email-addr--${uuidv5('{"value":"john@example.com"}', ns)}`);
    expect(computeScoId({ ...addr, display_name: 'Someone else' })).toBe(computeScoId(addr));
  });

  it('uses one hash, preferring MD5, then SHA-1, SHA-256, SHA-512', () => {
    const md5 = '5d41402abc4b2a76b9719d911017c592';
    const sha256 = 'f3b1c2d4e5a6978812ab34cd56ef7890a1b2c3d4e5f60718293a4b5c6d7e8f90';
    const both = {
      type: 'file',
      id: 'file--00000000-0000-4000-8000-000000000000',
      hashes: { 'SHA-256': sha256, MD5: md5 },
    };
    expect(computeScoId(both)).toBe(`file--${uuidv5(`{"hashes":{"MD5":"${md5}"}}`, ns)}`);
    const onlySha = { ...both, hashes: { 'SHA-256': sha256, SSDEEP: '3:a:b' } };
    expect(computeScoId(onlySha)).toBe(`file--${uuidv5(`{"hashes":{"SHA-256":"${sha256}"}}`, ns)}`);
    const custom = { ...both, hashes: { SSDEEP: '3:a:b', TLSH: 'x' } };
    expect(computeScoId(custom)).toBe(`file--${uuidv5('{"hashes":{"SSDEEP":"3:a:b"}}', ns)}`);
  });

  it('does not depend on property order', () => {
    const a = {
      type: 'network-traffic',
      id: 'x',
      src_ref: 'ipv4-addr--ff26c055-6336-5bc5-b98d-13d6226742dd',
      dst_port: 443,
      protocols: ['tcp'],
    };
    const b = {
      protocols: ['tcp'],
      dst_port: 443,
      id: 'y',
      src_ref: 'ipv4-addr--ff26c055-6336-5bc5-b98d-13d6226742dd',
      type: 'network-traffic',
    };
    expect(computeScoId(a)).toBe(computeScoId(b));
  });

  it('returns null when nothing can be computed', () => {
    expect(
      computeScoId({ type: 'process', id: 'process--00000000-0000-4000-8000-000000000000', pid: 4 }),
    ).toBeNull();
    expect(
      computeScoId({
        type: 'email-message',
        id: 'email-message--00000000-0000-4000-8000-000000000000',
        is_multipart: false,
      }),
    ).toBeNull();
    expect(
      computeScoId({ type: 'indicator', id: 'indicator--00000000-0000-4000-8000-000000000000' }),
    ).toBeNull();
    expect(
      computeScoId({ type: 'x-custom', id: 'x-custom--00000000-0000-4000-8000-000000000000', value: 'a' }),
    ).toBeNull();
    expect(
      computeScoId({ type: 'url', id: 'url--00000000-0000-4000-8000-000000000000', value: Number.NaN }),
    ).toBeNull();
  });

  it('makes version-5 RFC 4122 uuids', () => {
    const id = computeScoId({ type: 'url', id: '', value: 'https://parcel-track-update.example/p/7QxZ2' });
    expect(id).toMatch(/^url--[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('uuidv5', () => {
  it('matches the RFC 4122 DNS-namespace example (python uuid.uuid5(NAMESPACE_DNS, "python.org"))', () => {
    expect(uuidv5('python.org', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe(
      '886313e1-3b8a-5372-9b90-0c9aee199e5d',
    );
  });
});
