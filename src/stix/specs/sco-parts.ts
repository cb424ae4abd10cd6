import { atLeastOneOf, embedded } from '../checks/embedded.js';
import { enumOf, string, timestamp } from '../checks/primitives.js';
import { ref, refTypes } from '../checks/refs.js';
import type { Issues } from '../issues.js';
import { joinPath, where } from '../issues.js';

/** Embedded types and cross-property rules of the SCOs (§6), kept apart from the type tables. */

export const mimePart = embedded({
  name: 'email MIME part',
  properties: {
    body: string,
    body_raw_ref: ref(refTypes('artifact', 'file')),
    content_type: string,
    content_disposition: string,
  },
  rule: atLeastOneOf(['body', 'body_raw_ref'], 'email MIME part'),
});

export const registryValue = embedded({
  name: 'registry value',
  properties: {
    name: string,
    data: string,
    data_type: enumOf([
      'REG_NONE',
      'REG_SZ',
      'REG_EXPAND_SZ',
      'REG_BINARY',
      'REG_DWORD',
      'REG_DWORD_BIG_ENDIAN',
      'REG_DWORD_LITTLE_ENDIAN',
      'REG_LINK',
      'REG_MULTI_SZ',
      'REG_RESOURCE_LIST',
      'REG_FULL_RESOURCE_DESCRIPTION',
      'REG_RESOURCE_REQUIREMENTS_LIST',
      'REG_QWORD',
      'REG_INVALID_TYPE',
    ]),
  },
});

const X509_V3_STRINGS = [
  'basic_constraints',
  'name_constraints',
  'policy_constraints',
  'key_usage',
  'extended_key_usage',
  'subject_key_identifier',
  'authority_key_identifier',
  'subject_alternative_name',
  'issuer_alternative_name',
  'subject_directory_attributes',
  'crl_distribution_points',
  'inhibit_any_policy',
  'certificate_policies',
  'policy_mappings',
];
export const x509V3 = embedded({
  name: 'X.509 v3 extensions',
  properties: {
    ...Object.fromEntries(X509_V3_STRINGS.map((name) => [name, string])),
    private_key_usage_period_not_before: timestamp,
    private_key_usage_period_not_after: timestamp,
  },
});

export const X509_PROPERTIES = [
  'is_self_signed',
  'hashes',
  'version',
  'serial_number',
  'signature_algorithm',
  'issuer',
  'validity_not_before',
  'validity_not_after',
  'subject',
  'subject_public_key_algorithm',
  'subject_public_key_modulus',
  'subject_public_key_exponent',
  'x509_v3_extensions',
];

export function artifactRule(obj: Record<string, unknown>, path: string, out: Issues): void {
  if (obj.payload_bin !== undefined && obj.url !== undefined) {
    out.error(
      path,
      'constraint_violation',
      `An artifact has either payload_bin or url, not both (${where(path)}).`,
    );
  }
  if (obj.url !== undefined && obj.hashes === undefined) {
    out.error(
      joinPath(path, 'hashes'),
      'constraint_violation',
      `An artifact with a url needs hashes (${where(path)}).`,
    );
  }
}

export function emailMessageRule(obj: Record<string, unknown>, path: string, out: Issues): void {
  if (obj.is_multipart === true && obj.body !== undefined) {
    out.error(
      joinPath(path, 'body'),
      'constraint_violation',
      `A multipart email message keeps its body in body_multipart, not body (${where(path)}).`,
    );
  }
  if (obj.is_multipart === false && obj.body_multipart !== undefined) {
    out.error(
      joinPath(path, 'body_multipart'),
      'constraint_violation',
      `A non-multipart email message cannot have body_multipart (${where(path)}).`,
    );
  }
}

export function networkTrafficRule(obj: Record<string, unknown>, path: string, out: Issues): void {
  if (obj.src_ref === undefined && obj.dst_ref === undefined) {
    out.error(path, 'constraint_violation', `Network traffic needs src_ref or dst_ref (${where(path)}).`);
  }
  if (obj.is_active === true && obj.end !== undefined) {
    out.error(
      joinPath(path, 'end'),
      'constraint_violation',
      `Network traffic that is still active (is_active true) cannot have an end (${where(path)}).`,
    );
  }
}

/** §6.11: a process needs at least one property besides type and id, or an extension. */
export function processRule(obj: Record<string, unknown>, path: string, out: Issues): void {
  const own = Object.keys(obj).filter(
    (key) =>
      !['type', 'id', 'spec_version', 'object_marking_refs', 'granular_markings', 'defanged'].includes(key),
  );
  if (own.length === 0) {
    out.error(
      path,
      'constraint_violation',
      `A process needs at least one property of its own besides type and id (${where(path)}).`,
    );
  }
}
