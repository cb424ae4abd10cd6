import { atLeastOneOf } from '../checks/embedded.js';
import { hashes } from '../checks/hashes.js';
import {
  binary,
  boolean,
  dictionary,
  enumOf,
  hex,
  integer,
  listOf,
  openVocab,
  string,
  timestamp,
} from '../checks/primitives.js';
import { ref, refFamilies, refs, refTypes } from '../checks/refs.js';
import { allRules, requiresAll, timeOrder } from './rules.js';
import type { TypeSpec } from './type-spec.js';
import {
  X509_PROPERTIES,
  artifactRule,
  emailMessageRule,
  mimePart,
  networkTrafficRule,
  processRule,
  registryValue,
  x509V3,
} from './sco-parts.js';
import { defineType } from './type-spec.js';

const strings = listOf(string);
const anyHashes = hashes();
const emailAddr = ref(refTypes('email-addr'));
const artifact = ref(refTypes('artifact'));
const userAccount = ref(refTypes('user-account'));
const address = ref(refTypes('ipv4-addr', 'ipv6-addr', 'mac-addr', 'domain-name'));

/** The 18 STIX Cyber-observable Objects (§6). */
export const SCO_SPECS: readonly TypeSpec[] = [
  defineType('artifact', 'sco', {
    properties: {
      mime_type: string,
      payload_bin: binary,
      url: string,
      hashes: anyHashes,
      encryption_algorithm: enumOf(['AES-256-GCM', 'ChaCha20-Poly1305', 'mime-type-indicated']),
      decryption_key: string,
    },
    rule: allRules(artifactRule, requiresAll('decryption_key', ['encryption_algorithm'], 'artifact')),
  }),
  defineType('autonomous-system', 'sco', {
    properties: { number: integer(0), name: string, rir: string },
    required: ['number'],
  }),
  defineType('directory', 'sco', {
    properties: {
      path: string,
      path_enc: string,
      ctime: timestamp,
      mtime: timestamp,
      atime: timestamp,
      contains_refs: refs(refTypes('file', 'directory')),
    },
    required: ['path'],
  }),
  defineType('domain-name', 'sco', {
    properties: { value: string, resolves_to_refs: refs(refTypes('ipv4-addr', 'ipv6-addr', 'domain-name')) },
    required: ['value'],
  }),
  defineType('email-addr', 'sco', {
    properties: { value: string, display_name: string, belongs_to_ref: userAccount },
    required: ['value'],
  }),
  defineType('email-message', 'sco', {
    properties: {
      is_multipart: boolean,
      date: timestamp,
      content_type: string,
      from_ref: emailAddr,
      sender_ref: emailAddr,
      to_refs: listOf(emailAddr),
      cc_refs: listOf(emailAddr),
      bcc_refs: listOf(emailAddr),
      message_id: string,
      subject: string,
      received_lines: strings,
      additional_header_fields: dictionary(),
      body: string,
      body_multipart: listOf(mimePart),
      raw_email_ref: artifact,
    },
    required: ['is_multipart'],
    rule: emailMessageRule,
  }),
  defineType('file', 'sco', {
    properties: {
      hashes: anyHashes,
      size: integer(0),
      name: string,
      name_enc: string,
      magic_number_hex: hex,
      mime_type: string,
      ctime: timestamp,
      mtime: timestamp,
      atime: timestamp,
      parent_directory_ref: ref(refTypes('directory')),
      contains_refs: refs(refFamilies('SCO')),
      content_ref: artifact,
    },
    rule: atLeastOneOf(['hashes', 'name'], 'file'),
  }),
  defineType('ipv4-addr', 'sco', {
    properties: {
      value: string,
      resolves_to_refs: refs(refTypes('mac-addr')),
      belongs_to_refs: refs(refTypes('autonomous-system')),
    },
    required: ['value'],
  }),
  defineType('ipv6-addr', 'sco', {
    properties: {
      value: string,
      resolves_to_refs: refs(refTypes('mac-addr')),
      belongs_to_refs: refs(refTypes('autonomous-system')),
    },
    required: ['value'],
  }),
  defineType('mac-addr', 'sco', { properties: { value: string }, required: ['value'] }),
  defineType('mutex', 'sco', { properties: { name: string }, required: ['name'] }),
  defineType('network-traffic', 'sco', {
    properties: {
      start: timestamp,
      end: timestamp,
      is_active: boolean,
      src_ref: address,
      dst_ref: address,
      src_port: integer(0, 65535),
      dst_port: integer(0, 65535),
      protocols: strings,
      src_byte_count: integer(0),
      dst_byte_count: integer(0),
      src_packets: integer(0),
      dst_packets: integer(0),
      ipfix: dictionary(),
      src_payload_ref: artifact,
      dst_payload_ref: artifact,
      encapsulates_refs: refs(refTypes('network-traffic')),
      encapsulated_by_ref: ref(refTypes('network-traffic')),
    },
    required: ['protocols'],
    rule: allRules(networkTrafficRule, timeOrder('start', 'end')),
  }),
  defineType('process', 'sco', {
    properties: {
      is_hidden: boolean,
      pid: integer(),
      created_time: timestamp,
      cwd: string,
      command_line: string,
      environment_variables: dictionary(),
      opened_connection_refs: refs(refTypes('network-traffic')),
      creator_user_ref: userAccount,
      image_ref: ref(refTypes('file')),
      parent_ref: ref(refTypes('process')),
      child_refs: refs(refTypes('process')),
    },
    rule: processRule,
  }),
  defineType('software', 'sco', {
    properties: {
      name: string,
      cpe: string,
      swid: string,
      languages: strings,
      vendor: string,
      version: string,
    },
    required: ['name'],
  }),
  defineType('url', 'sco', { properties: { value: string }, required: ['value'] }),
  defineType('user-account', 'sco', {
    properties: {
      user_id: string,
      credential: string,
      account_login: string,
      account_type: openVocab,
      display_name: string,
      is_service_account: boolean,
      is_privileged: boolean,
      can_escalate_privs: boolean,
      is_disabled: boolean,
      account_created: timestamp,
      account_expires: timestamp,
      credential_last_changed: timestamp,
      account_first_login: timestamp,
      account_last_login: timestamp,
    },
  }),
  defineType('windows-registry-key', 'sco', {
    properties: {
      key: string,
      values: listOf(registryValue),
      modified_time: timestamp,
      creator_user_ref: userAccount,
      number_of_subkeys: integer(0),
    },
  }),
  defineType('x509-certificate', 'sco', {
    properties: {
      is_self_signed: boolean,
      hashes: anyHashes,
      version: string,
      serial_number: string,
      signature_algorithm: string,
      issuer: string,
      validity_not_before: timestamp,
      validity_not_after: timestamp,
      subject: string,
      subject_public_key_algorithm: string,
      subject_public_key_modulus: string,
      subject_public_key_exponent: integer(),
      x509_v3_extensions: x509V3,
    },
    rule: atLeastOneOf(X509_PROPERTIES, 'X.509 certificate'),
  }),
];
