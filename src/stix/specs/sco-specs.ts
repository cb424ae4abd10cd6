import { atLeastOneOf, embedded } from '../checks/embedded.js';
import { hashes } from '../checks/hashes.js';
import { binary, boolean, dictionary, enumOf, hex, integer, listOf, openVocab, string, timestamp } from '../checks/primitives.js';
import { ref, refFamilies, refs, refTypes } from '../checks/refs.js';
import { joinPath, where } from '../issues.js';
import { allRules, requiresAll, timeOrder } from './rules.js';
import type { ObjectRule, TypeSpec } from './type-spec.js';
import { defineType } from './type-spec.js';

const strings = listOf(string);
const anyHashes = hashes();
const emailAddr = ref(refTypes('email-addr'));
const artifact = ref(refTypes('artifact'));
const userAccount = ref(refTypes('user-account'));
const address = ref(refTypes('ipv4-addr', 'ipv6-addr', 'mac-addr', 'domain-name'));

const mimePart = embedded({
  name: 'email MIME part',
  properties: { body: string, body_raw_ref: ref(refTypes('artifact', 'file')), content_type: string, content_disposition: string },
  rule: atLeastOneOf(['body', 'body_raw_ref'], 'email MIME part'),
});

const registryValue = embedded({
  name: 'registry value',
  properties: {
    name: string,
    data: string,
    data_type: enumOf([
      'REG_NONE', 'REG_SZ', 'REG_EXPAND_SZ', 'REG_BINARY', 'REG_DWORD', 'REG_DWORD_BIG_ENDIAN', 'REG_DWORD_LITTLE_ENDIAN',
      'REG_LINK', 'REG_MULTI_SZ', 'REG_RESOURCE_LIST', 'REG_FULL_RESOURCE_DESCRIPTION', 'REG_RESOURCE_REQUIREMENTS_LIST',
      'REG_QWORD', 'REG_INVALID_TYPE',
    ]),
  },
});

const X509_V3_STRINGS = [
  'basic_constraints', 'name_constraints', 'policy_constraints', 'key_usage', 'extended_key_usage', 'subject_key_identifier',
  'authority_key_identifier', 'subject_alternative_name', 'issuer_alternative_name', 'subject_directory_attributes',
  'crl_distribution_points', 'inhibit_any_policy', 'certificate_policies', 'policy_mappings',
];
const x509V3 = embedded({
  name: 'X.509 v3 extensions',
  properties: {
    ...Object.fromEntries(X509_V3_STRINGS.map((name) => [name, string])),
    private_key_usage_period_not_before: timestamp,
    private_key_usage_period_not_after: timestamp,
  },
});

const X509_PROPERTIES = [
  'is_self_signed', 'hashes', 'version', 'serial_number', 'signature_algorithm', 'issuer', 'validity_not_before',
  'validity_not_after', 'subject', 'subject_public_key_algorithm', 'subject_public_key_modulus',
  'subject_public_key_exponent', 'x509_v3_extensions',
];

function artifactRule(obj: Record<string, unknown>, path: string, out: Parameters<ObjectRule>[2]): void {
  if (obj.payload_bin !== undefined && obj.url !== undefined) {
    out.error(path, 'constraint_violation', `An artifact has either payload_bin or url, not both (${where(path)}).`);
  }
  if (obj.url !== undefined && obj.hashes === undefined) {
    out.error(joinPath(path, 'hashes'), 'constraint_violation', `An artifact with a url needs hashes (${where(path)}).`);
  }
}

function emailMessageRule(obj: Record<string, unknown>, path: string, out: Parameters<ObjectRule>[2]): void {
  if (obj.is_multipart === true && obj.body !== undefined) {
    out.error(joinPath(path, 'body'), 'constraint_violation', `A multipart email message keeps its body in body_multipart, not body (${where(path)}).`);
  }
  if (obj.is_multipart === false && obj.body_multipart !== undefined) {
    out.error(joinPath(path, 'body_multipart'), 'constraint_violation', `A non-multipart email message cannot have body_multipart (${where(path)}).`);
  }
}

function networkTrafficRule(obj: Record<string, unknown>, path: string, out: Parameters<ObjectRule>[2]): void {
  if (obj.src_ref === undefined && obj.dst_ref === undefined) {
    out.error(path, 'constraint_violation', `Network traffic needs src_ref or dst_ref (${where(path)}).`);
  }
  if (obj.is_active === true && obj.end !== undefined) {
    out.error(joinPath(path, 'end'), 'constraint_violation', `Network traffic that is still active (is_active true) cannot have an end (${where(path)}).`);
  }
}

/** §6.11: a process needs at least one property besides type and id, or an extension. */
function processRule(obj: Record<string, unknown>, path: string, out: Parameters<ObjectRule>[2]): void {
  const own = Object.keys(obj).filter((key) => !['type', 'id', 'spec_version', 'object_marking_refs', 'granular_markings', 'defanged'].includes(key));
  if (own.length === 0) {
    out.error(path, 'constraint_violation', `A process needs at least one property of its own besides type and id (${where(path)}).`);
  }
}

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
  defineType('autonomous-system', 'sco', { properties: { number: integer(0), name: string, rir: string }, required: ['number'] }),
  defineType('directory', 'sco', {
    properties: { path: string, path_enc: string, ctime: timestamp, mtime: timestamp, atime: timestamp, contains_refs: refs(refTypes('file', 'directory')) },
    required: ['path'],
  }),
  defineType('domain-name', 'sco', {
    properties: { value: string, resolves_to_refs: refs(refTypes('ipv4-addr', 'ipv6-addr', 'domain-name')) },
    required: ['value'],
  }),
  defineType('email-addr', 'sco', { properties: { value: string, display_name: string, belongs_to_ref: userAccount }, required: ['value'] }),
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
    properties: { value: string, resolves_to_refs: refs(refTypes('mac-addr')), belongs_to_refs: refs(refTypes('autonomous-system')) },
    required: ['value'],
  }),
  defineType('ipv6-addr', 'sco', {
    properties: { value: string, resolves_to_refs: refs(refTypes('mac-addr')), belongs_to_refs: refs(refTypes('autonomous-system')) },
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
    properties: { name: string, cpe: string, swid: string, languages: strings, vendor: string, version: string },
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
    properties: { key: string, values: listOf(registryValue), modified_time: timestamp, creator_user_ref: userAccount, number_of_subkeys: integer(0) },
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
