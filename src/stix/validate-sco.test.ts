import { describe, expect, it } from 'vitest';
import type { ErrorCase } from './validate-test-kit.js';
import { SOME_ID, errorKeys, runCase } from './validate-test-kit.js';

/** Per-type rules from the STIX 2.1 specification for SCOs and their predefined extensions. */
const SCO_CASES: ErrorCase[] = [
  {
    type: 'artifact',
    why: 'payload_bin not base64',
    mutate: (o) => (o.payload_bin = 'not base64!'),
    code: 'invalid_value',
    path: 'payload_bin',
  },
  {
    type: 'artifact',
    why: 'payload_bin and url',
    mutate: (o) => {
      o.url = 'https://parcel.example/a';
      o.hashes = { MD5: '5d41402abc4b2a76b9719d911017c592' };
    },
    code: 'constraint_violation',
    path: '',
  },
  {
    type: 'artifact',
    why: 'url without hashes',
    mutate: (o) => {
      delete o.payload_bin;
      o.url = 'https://parcel.example/a';
    },
    code: 'constraint_violation',
    path: 'hashes',
  },
  {
    type: 'artifact',
    why: 'encryption_algorithm outside the enumeration',
    mutate: (o) => (o.encryption_algorithm = 'rot13'),
    code: 'not_in_vocabulary',
    path: 'encryption_algorithm',
  },
  {
    type: 'artifact',
    why: 'decryption_key without encryption_algorithm',
    mutate: (o) => (o.decryption_key = 'infected'),
    code: 'constraint_violation',
    path: 'encryption_algorithm',
  },
  {
    type: 'autonomous-system',
    why: 'number as a string',
    mutate: (o) => (o.number = '64512'),
    code: 'invalid_type',
    path: 'number',
  },
  {
    type: 'directory',
    why: 'contains_refs to a URL',
    mutate: (o) => (o.contains_refs = [SOME_ID.url]),
    code: 'invalid_ref_type',
    path: 'contains_refs[0]',
  },
  {
    type: 'domain-name',
    why: 'resolves_to_refs to a URL',
    mutate: (o) => (o.resolves_to_refs = [SOME_ID.url]),
    code: 'invalid_ref_type',
    path: 'resolves_to_refs[0]',
  },
  {
    type: 'email-addr',
    why: 'belongs_to_ref to an identity',
    mutate: (o) => (o.belongs_to_ref = SOME_ID.identity),
    code: 'invalid_ref_type',
    path: 'belongs_to_ref',
  },
  {
    type: 'email-message',
    why: 'multipart with body',
    mutate: (o) => (o.is_multipart = true),
    code: 'constraint_violation',
    path: 'body',
  },
  {
    type: 'email-message',
    why: 'to_refs to a URL',
    mutate: (o) => (o.to_refs = [SOME_ID.url]),
    code: 'invalid_ref_type',
    path: 'to_refs[0]',
  },
  {
    type: 'email-message',
    why: 'empty header dictionary',
    mutate: (o) => (o.additional_header_fields = {}),
    code: 'empty_dictionary',
    path: 'additional_header_fields',
  },
  {
    type: 'email-message',
    why: 'header name with a space',
    mutate: (o) => (o.additional_header_fields = { 'Reply To': 'x' }),
    code: 'invalid_dictionary_key',
    path: 'additional_header_fields.Reply To',
  },
  {
    type: 'email-message',
    why: 'MIME part without body or body_raw_ref',
    mutate: (o) => {
      o.is_multipart = true;
      delete o.body;
      o.body_multipart = [{ content_type: 'text/plain' }];
    },
    code: 'constraint_violation',
    path: 'body_multipart[0]',
  },
  {
    type: 'file',
    why: 'MD5 of the wrong length',
    mutate: (o) => (o.hashes = { MD5: 'abc' }),
    code: 'invalid_hash',
    path: 'hashes.MD5',
  },
  {
    type: 'file',
    why: 'neither hashes nor name',
    mutate: (o) => {
      delete o.hashes;
      delete o.name;
    },
    code: 'constraint_violation',
    path: '',
  },
  { type: 'file', why: 'negative size', mutate: (o) => (o.size = -1), code: 'invalid_value', path: 'size' },
  {
    type: 'file',
    why: 'odd-length hex',
    mutate: (o) => (o.magic_number_hex = 'abc'),
    code: 'invalid_value',
    path: 'magic_number_hex',
  },
  {
    type: 'file',
    why: 'archive-ext without contains_refs',
    mutate: (o) => (o.extensions = { 'archive-ext': { comment: 'apk' } }),
    code: 'missing_property',
    path: 'extensions.archive-ext.contains_refs',
  },
  {
    type: 'file',
    why: 'a network-traffic extension on a file',
    mutate: (o) => (o.extensions = { 'http-request-ext': { request_method: 'get', request_value: '/' } }),
    code: 'invalid_extension',
    path: 'extensions.http-request-ext',
  },
  {
    type: 'file',
    why: 'PE section entropy as a string',
    mutate: (o) =>
      (o.extensions = {
        'windows-pebinary-ext': { pe_type: 'exe', sections: [{ name: '.text', entropy: 'high' }] },
      }),
    code: 'invalid_type',
    path: 'extensions.windows-pebinary-ext.sections[0].entropy',
  },
  {
    type: 'ipv4-addr',
    why: 'value as a number',
    mutate: (o) => (o.value = 3405803821),
    code: 'invalid_type',
    path: 'value',
  },
  {
    type: 'ipv4-addr',
    why: 'belongs_to_refs to a URL',
    mutate: (o) => (o.belongs_to_refs = [SOME_ID.url]),
    code: 'invalid_ref_type',
    path: 'belongs_to_refs[0]',
  },
  {
    type: 'ipv6-addr',
    why: 'resolves_to_refs to an IPv4 address',
    mutate: (o) => (o.resolves_to_refs = [SOME_ID.ipv4]),
    code: 'invalid_ref_type',
    path: 'resolves_to_refs[0]',
  },
  {
    type: 'mac-addr',
    why: 'value as a list',
    mutate: (o) => (o.value = ['02:42:ac:11:00:02']),
    code: 'invalid_type',
    path: 'value',
  },
  {
    type: 'mutex',
    why: 'name as a boolean',
    mutate: (o) => (o.name = true),
    code: 'invalid_type',
    path: 'name',
  },
  {
    type: 'network-traffic',
    why: 'port above 65535',
    mutate: (o) => (o.src_port = 70000),
    code: 'invalid_value',
    path: 'src_port',
  },
  {
    type: 'network-traffic',
    why: 'neither src_ref nor dst_ref',
    mutate: (o) => {
      delete o.src_ref;
      delete o.dst_ref;
    },
    code: 'constraint_violation',
    path: '',
  },
  {
    type: 'network-traffic',
    why: 'active with an end',
    mutate: (o) => (o.is_active = true),
    code: 'constraint_violation',
    path: 'end',
  },
  {
    type: 'network-traffic',
    why: 'end before start',
    mutate: (o) => (o.end = '2024-02-28T03:12:43.000Z'),
    code: 'invalid_time_order',
    path: 'end',
  },
  {
    type: 'network-traffic',
    why: 'src_ref to a URL',
    mutate: (o) => (o.src_ref = SOME_ID.url),
    code: 'invalid_ref_type',
    path: 'src_ref',
  },
  {
    type: 'network-traffic',
    why: 'HTTP extension without request_value',
    mutate: (o) => (o.extensions = { 'http-request-ext': { request_method: 'get' } }),
    code: 'missing_property',
    path: 'extensions.http-request-ext.request_value',
  },
  {
    type: 'network-traffic',
    why: 'socket address family outside the enumeration',
    mutate: (o) => (o.extensions = { 'socket-ext': { address_family: 'AF_CARRIER_PIGEON' } }),
    code: 'not_in_vocabulary',
    path: 'extensions.socket-ext.address_family',
  },
  {
    type: 'network-traffic',
    why: 'socket option with an unknown prefix',
    mutate: (o) => (o.extensions = { 'socket-ext': { address_family: 'AF_INET', options: { FOO_BAR: 1 } } }),
    code: 'invalid_dictionary_key',
    path: 'extensions.socket-ext.options.FOO_BAR',
  },
  {
    type: 'network-traffic',
    why: 'ICMP type not hex',
    mutate: (o) => (o.extensions = { 'icmp-ext': { icmp_type_hex: '0g', icmp_code_hex: '00' } }),
    code: 'invalid_value',
    path: 'extensions.icmp-ext.icmp_type_hex',
  },
  {
    type: 'process',
    why: 'nothing but type and id',
    mutate: (o) => {
      for (const key of Object.keys(o))
        if (!['type', 'id', 'spec_version'].includes(key)) Reflect.deleteProperty(o, key);
    },
    code: 'constraint_violation',
    path: '',
  },
  {
    type: 'process',
    why: 'integrity level outside the enumeration',
    mutate: (o) => (o.extensions = { 'windows-process-ext': { integrity_level: 'ultra' } }),
    code: 'not_in_vocabulary',
    path: 'extensions.windows-process-ext.integrity_level',
  },
  {
    type: 'process',
    why: 'service start type outside the enumeration',
    mutate: (o) => (o.extensions = { 'windows-service-ext': { start_type: 'SERVICE_WHENEVER' } }),
    code: 'not_in_vocabulary',
    path: 'extensions.windows-service-ext.start_type',
  },
  {
    type: 'process',
    why: 'parent_ref to a file',
    mutate: (o) => (o.parent_ref = SOME_ID.file),
    code: 'invalid_ref_type',
    path: 'parent_ref',
  },
  {
    type: 'software',
    why: 'languages as a string',
    mutate: (o) => (o.languages = 'eng'),
    code: 'invalid_type',
    path: 'languages',
  },
  {
    type: 'url',
    why: 'value as an object',
    mutate: (o) => (o.value = { href: 'x' }),
    code: 'invalid_type',
    path: 'value',
  },
  {
    type: 'user-account',
    why: 'gid as a string',
    mutate: (o) => (o.extensions = { 'unix-account-ext': { gid: 'dialout' } }),
    code: 'invalid_type',
    path: 'extensions.unix-account-ext.gid',
  },
  {
    type: 'user-account',
    why: 'account_created without Z',
    mutate: (o) => (o.account_created = '2024-01-01'),
    code: 'invalid_timestamp',
    path: 'account_created',
  },
  {
    type: 'windows-registry-key',
    why: 'value data type outside the enumeration',
    mutate: (o) => (o.values = [{ name: 'Run', data_type: 'REG_TEXT' }]),
    code: 'not_in_vocabulary',
    path: 'values[0].data_type',
  },
  {
    type: 'windows-registry-key',
    why: 'unknown property in a registry value',
    mutate: (o) => (o.values = [{ name: 'Run', size: 3 }]),
    code: 'unknown_property',
    path: 'values[0].size',
  },
  {
    type: 'x509-certificate',
    why: 'validity_not_before on 30 February',
    mutate: (o) => (o.validity_not_before = '2024-02-30T00:00:00Z'),
    code: 'invalid_timestamp',
    path: 'validity_not_before',
  },
  {
    type: 'x509-certificate',
    why: 'no certificate property at all',
    mutate: (o) => {
      for (const key of Object.keys(o))
        if (!['type', 'id', 'spec_version'].includes(key)) Reflect.deleteProperty(o, key);
    },
    code: 'constraint_violation',
    path: '',
  },
];

describe.each([['SCOs', SCO_CASES]])('%s: per-type rules', (_family, cases) => {
  it.each(cases)('$type: $why → $code at "$path"', (row) => {
    const result = runCase(row);
    expect(result.valid).toBe(false);
    expect(errorKeys(result)).toContain(`${row.code} ${row.path}`);
  });
});
