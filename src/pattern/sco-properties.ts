/**
 * STIX 2.1 cyber-observable types and their top-level properties, for pattern validation.
 * `int`/`ts`/`bool` mark property types we check constants against; everything else is `any`.
 */
type PropType = 'any' | 'int' | 'ts' | 'bool' | 'float';

const COMMON = 'type id spec_version object_marking_refs granular_markings defanged extensions';

function props(spec: string): Record<string, PropType> {
  const out: Record<string, PropType> = {};
  for (const word of `${COMMON} ${spec}`.split(/\s+/)) {
    if (!word) continue;
    const [name, type] = word.split(':') as [string, PropType | undefined];
    out[name] = type ?? 'any';
  }
  return out;
}

export const SCO_PROPERTIES: Record<string, Record<string, PropType>> = {
  artifact: props('mime_type payload_bin url hashes encryption_algorithm decryption_key'),
  'autonomous-system': props('number:int name rir'),
  directory: props('path path_enc ctime:ts mtime:ts atime:ts contains_refs'),
  'domain-name': props('value resolves_to_refs'),
  'email-addr': props('value display_name belongs_to_ref'),
  'email-message': props(
    'is_multipart:bool date:ts content_type from_ref sender_ref to_refs cc_refs bcc_refs message_id subject ' +
      'received_lines additional_header_fields body body_multipart raw_email_ref',
  ),
  file: props(
    'hashes size:int name name_enc magic_number_hex mime_type ctime:ts mtime:ts atime:ts parent_directory_ref ' +
      'contains_refs content_ref',
  ),
  'ipv4-addr': props('value resolves_to_refs belongs_to_refs'),
  'ipv6-addr': props('value resolves_to_refs belongs_to_refs'),
  'mac-addr': props('value'),
  mutex: props('name'),
  'network-traffic': props(
    'start:ts end:ts is_active:bool src_ref dst_ref src_port:int dst_port:int protocols src_byte_count:int ' +
      'dst_byte_count:int src_packets:int dst_packets:int ipfix src_payload_ref dst_payload_ref ' +
      'encapsulates_refs encapsulated_by_ref',
  ),
  process: props(
    'is_hidden:bool pid:int created_time:ts cwd command_line environment_variables opened_connection_refs ' +
      'creator_user_ref image_ref parent_ref child_refs',
  ),
  software: props('name cpe swid languages vendor version'),
  url: props('value'),
  'user-account': props(
    'user_id credential account_login account_type display_name is_service_account:bool is_privileged:bool ' +
      'can_escalate_privs:bool is_disabled:bool account_created:ts account_expires:ts ' +
      'credential_last_changed:ts account_first_login:ts account_last_login:ts',
  ),
  'windows-registry-key': props('key values modified_time:ts creator_user_ref number_of_subkeys:int'),
  'x509-certificate': props(
    'is_self_signed:bool hashes version serial_number signature_algorithm issuer validity_not_before:ts ' +
      'validity_not_after:ts subject subject_public_key_algorithm subject_public_key_modulus ' +
      'subject_public_key_exponent:int x509_v3_extensions',
  ),
};

export type { PropType };

/** Hash algorithm names from the STIX 2.1 vocabulary, with the hex length when it is fixed. */
export const HASH_HEX_LENGTH: Record<string, number | undefined> = {
  MD5: 32,
  'SHA-1': 40,
  'SHA-256': 64,
  'SHA-512': 128,
  'SHA3-256': 64,
  'SHA3-512': 128,
  SSDEEP: undefined,
  TLSH: undefined,
};
