import type { Observation } from '../observation.js';
import { observationsFromBundle } from '../observation.js';

/**
 * Observed data written for our own conformance tables: four observations over an hour, with
 * references, lists, hashes, binary, IPv4/IPv6 and a custom type.
 */
export const BUNDLE_OBJECTS = [
  {
    type: 'observed-data',
    id: 'observed-data--00000000-0000-4000-8000-000000000001',
    first_observed: '2024-01-01T00:00:00Z',
    last_observed: '2024-01-01T00:00:00Z',
    number_observed: 1,
    object_refs: ['network-traffic--1', 'ipv4-addr--dst', 'ipv4-addr--src', 'domain-name--1'],
  },
  { type: 'ipv4-addr', id: 'ipv4-addr--dst', value: '198.51.100.7' },
  { type: 'ipv4-addr', id: 'ipv4-addr--src', value: '10.0.0.5' },
  {
    type: 'network-traffic',
    id: 'network-traffic--1',
    src_ref: 'ipv4-addr--src',
    dst_ref: 'ipv4-addr--dst',
    src_port: 51515,
    dst_port: 443,
    protocols: ['ipv4', 'tcp', 'tls'],
    is_active: false,
    start: '2024-01-01T00:00:00.250Z',
  },
  {
    type: 'domain-name',
    id: 'domain-name--1',
    value: 'www.evil.example.com',
    resolves_to_refs: ['ipv4-addr--dst'],
  },
  {
    type: 'observed-data',
    id: 'observed-data--00000000-0000-4000-8000-000000000002',
    first_observed: '2024-01-01T00:00:10Z',
    last_observed: '2024-01-01T00:00:10Z',
    number_observed: 1,
    object_refs: ['file--1', 'directory--1', 'artifact--1'],
  },
  { type: 'directory', id: 'directory--1', path: 'C:\\Windows\\Temp' },
  { type: 'artifact', id: 'artifact--1', mime_type: 'application/octet-stream', payload_bin: 'TVqQAAMAAAA=' },
  {
    type: 'file',
    id: 'file--1',
    name: 'invoice.pdf.exe',
    size: 371712,
    magic_number_hex: '4d5a',
    mtime: '2023-12-31T23:59:59.123456Z',
    parent_directory_ref: 'directory--1',
    content_ref: 'artifact--1',
    hashes: {
      MD5: '79054025255FB1A26E4BC422AEF54EB4',
      'SHA-256': 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f',
    },
    extensions: {
      'windows-pebinary-ext': {
        pe_type: 'exe',
        sections: [
          { name: '.text', entropy: 7.9 },
          { name: '.data', entropy: 3.1 },
        ],
      },
    },
  },
  {
    type: 'observed-data',
    id: 'observed-data--00000000-0000-4000-8000-000000000003',
    first_observed: '2024-01-01T00:01:00Z',
    last_observed: '2024-01-01T00:01:10Z',
    number_observed: 3,
    object_refs: ['url--1', 'email-message--1', 'email-addr--1'],
  },
  { type: 'url', id: 'url--1', value: 'http://evil.example.com/gate.php?id=1' },
  { type: 'email-addr', id: 'email-addr--1', value: 'jdoe@example.com', display_name: "John O'Doe" },
  {
    type: 'email-message',
    id: 'email-message--1',
    is_multipart: false,
    from_ref: 'email-addr--1',
    to_refs: ['email-addr--1'],
    subject: 'Conference Info \\ agenda',
    date: '2024-01-01T00:00:59Z',
  },
  {
    type: 'observed-data',
    id: 'observed-data--00000000-0000-4000-8000-000000000004',
    first_observed: '2024-01-01T01:00:00Z',
    last_observed: '2024-01-01T01:00:00Z',
    number_observed: 1,
    objects: {
      '0': { type: 'ipv6-addr', value: '2001:db8:dead:beef::1' },
      '1': { type: 'process', pid: 4242, command_line: 'powershell.exe -enc SQBFAFgA', x_note: 'ünïcödé' },
      '2': { type: 'x-acme-widget', x_level: 3, tags: ['red', 'blue'], enabled: true },
    },
  },
];

export const OBSERVATIONS: Observation[] = observationsFromBundle(BUNDLE_OBJECTS);

export const OD = {
  traffic: 'observed-data--00000000-0000-4000-8000-000000000001',
  file: 'observed-data--00000000-0000-4000-8000-000000000002',
  url: 'observed-data--00000000-0000-4000-8000-000000000003',
  v6: 'observed-data--00000000-0000-4000-8000-000000000004',
} as const;
