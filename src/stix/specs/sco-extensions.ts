import type { Check } from '../checks/check.js';
import { atLeastOneOf, embedded } from '../checks/embedded.js';
import { hashes } from '../checks/hashes.js';
import { boolean, dictionary, enumOf, float, hex, integer, listOf, openVocab, string, timestamp } from '../checks/primitives.js';
import { ref, refs, refTypes } from '../checks/refs.js';
import { describeValue, isPlainObject, joinPath, where } from '../issues.js';

const count = integer(0);
const anyHashes = hashes();

const PE_OPTIONAL_HEADER_INTEGERS = [
  'major_linker_version', 'minor_linker_version', 'address_of_entry_point', 'base_of_code', 'base_of_data', 'image_base',
  'section_alignment', 'file_alignment', 'major_os_version', 'minor_os_version', 'major_image_version',
  'minor_image_version', 'major_subsystem_version', 'minor_subsystem_version', 'number_of_rva_and_sizes',
];
const PE_OPTIONAL_HEADER_COUNTS = [
  'size_of_code', 'size_of_initialized_data', 'size_of_uninitialized_data', 'size_of_image', 'size_of_headers',
  'size_of_stack_reserve', 'size_of_stack_commit', 'size_of_heap_reserve', 'size_of_heap_commit',
];
const PE_OPTIONAL_HEADER_HEX = ['magic_hex', 'win32_version_value_hex', 'checksum_hex', 'subsystem_hex', 'dll_characteristics_hex', 'loader_flags_hex'];

const peOptionalHeader = embedded({
  name: 'PE optional header',
  properties: {
    ...Object.fromEntries(PE_OPTIONAL_HEADER_INTEGERS.map((name) => [name, integer()])),
    ...Object.fromEntries(PE_OPTIONAL_HEADER_COUNTS.map((name) => [name, count])),
    ...Object.fromEntries(PE_OPTIONAL_HEADER_HEX.map((name) => [name, hex])),
    hashes: anyHashes,
  },
});

const SOCKET_OPTION_PREFIXES = ['SO_', 'ICMP_', 'ICMP6_', 'IP_', 'IPV6_', 'MCAST_', 'TCP_', 'IRLMP_'];

/** socket-ext options: keys are socket option names with a known prefix, values integers (§6.12.4). */
const socketOptions: Check = (value, path, out, root) => {
  dictionary()(value, path, out, root);
  if (!isPlainObject(value)) return;
  for (const [key, option] of Object.entries(value)) {
    const keyPath = joinPath(path, key);
    if (!SOCKET_OPTION_PREFIXES.some((prefix) => key.startsWith(prefix))) {
      out.error(keyPath, 'invalid_dictionary_key', `The socket option "${key.slice(0, 60)}" ${where(path)} must start with one of ${SOCKET_OPTION_PREFIXES.join(', ')}.`);
    }
    if (typeof option !== 'number' || !Number.isInteger(option)) {
      out.error(keyPath, 'invalid_type', `Expected an integer socket option value ${where(keyPath)}, found ${describeValue(option)}.`);
    }
  }
};

interface PredefinedExtension {
  /** The SCO type the extension belongs to. */
  readonly forType: string;
  readonly check: Check;
}

/** The predefined SCO extensions of STIX 2.1 §6 and the object type each one extends. */
export const PREDEFINED_EXTENSIONS: ReadonlyMap<string, PredefinedExtension> = new Map<string, PredefinedExtension>([
  ['archive-ext', { forType: 'file', check: embedded({ name: 'archive extension', properties: { contains_refs: refs(refTypes('file', 'directory')), comment: string }, required: ['contains_refs'] }) }],
  ['ntfs-ext', {
    forType: 'file',
    check: embedded({
      name: 'NTFS extension',
      properties: {
        sid: string,
        alternate_data_streams: listOf(embedded({ name: 'alternate data stream', properties: { name: string, hashes: anyHashes, size: count }, required: ['name'] })),
      },
      rule: atLeastOneOf(['sid', 'alternate_data_streams'], 'NTFS extension'),
    }),
  }],
  ['pdf-ext', {
    forType: 'file',
    check: embedded({
      name: 'PDF extension',
      properties: { version: string, is_optimized: boolean, document_info_dict: dictionary(string), pdfid0: string, pdfid1: string },
      rule: atLeastOneOf(['version', 'is_optimized', 'document_info_dict', 'pdfid0', 'pdfid1'], 'PDF extension'),
    }),
  }],
  ['raster-image-ext', {
    forType: 'file',
    check: embedded({
      name: 'raster image extension',
      properties: { image_height: integer(), image_width: integer(), bits_per_pixel: integer(), exif_tags: dictionary() },
      rule: atLeastOneOf(['image_height', 'image_width', 'bits_per_pixel', 'exif_tags'], 'raster image extension'),
    }),
  }],
  ['windows-pebinary-ext', {
    forType: 'file',
    check: embedded({
      name: 'Windows PE binary extension',
      properties: {
        pe_type: openVocab,
        imphash: string,
        machine_hex: hex,
        number_of_sections: count,
        time_date_stamp: timestamp,
        pointer_to_symbol_table_hex: hex,
        number_of_symbols: count,
        size_of_optional_header: count,
        characteristics_hex: hex,
        file_header_hashes: anyHashes,
        optional_header: peOptionalHeader,
        sections: listOf(embedded({ name: 'PE section', properties: { name: string, size: count, entropy: float(), hashes: anyHashes }, required: ['name'] })),
      },
      required: ['pe_type'],
    }),
  }],
  ['http-request-ext', {
    forType: 'network-traffic',
    check: embedded({
      name: 'HTTP request extension',
      properties: {
        request_method: string,
        request_value: string,
        request_version: string,
        request_header: dictionary(),
        message_body_length: count,
        message_body_data_ref: ref(refTypes('artifact')),
      },
      required: ['request_method', 'request_value'],
    }),
  }],
  ['icmp-ext', { forType: 'network-traffic', check: embedded({ name: 'ICMP extension', properties: { icmp_type_hex: hex, icmp_code_hex: hex }, required: ['icmp_type_hex', 'icmp_code_hex'] }) }],
  ['socket-ext', {
    forType: 'network-traffic',
    check: embedded({
      name: 'socket extension',
      properties: {
        address_family: enumOf(['AF_UNSPEC', 'AF_INET', 'AF_IPX', 'AF_APPLETALK', 'AF_NETBIOS', 'AF_INET6', 'AF_IRDA', 'AF_BTH']),
        is_blocking: boolean,
        is_listening: boolean,
        options: socketOptions,
        socket_type: enumOf(['SOCK_STREAM', 'SOCK_DGRAM', 'SOCK_RAW', 'SOCK_RDM', 'SOCK_SEQPACKET']),
        socket_descriptor: count,
        socket_handle: integer(),
      },
      required: ['address_family'],
    }),
  }],
  ['tcp-ext', {
    forType: 'network-traffic',
    check: embedded({ name: 'TCP extension', properties: { src_flags_hex: hex, dst_flags_hex: hex }, rule: atLeastOneOf(['src_flags_hex', 'dst_flags_hex'], 'TCP extension') }),
  }],
  ['unix-account-ext', {
    forType: 'user-account',
    check: embedded({
      name: 'Unix account extension',
      properties: { gid: integer(), groups: listOf(string), home_dir: string, shell: string },
      rule: atLeastOneOf(['gid', 'groups', 'home_dir', 'shell'], 'Unix account extension'),
    }),
  }],
  ['windows-process-ext', {
    forType: 'process',
    check: embedded({
      name: 'Windows process extension',
      properties: {
        aslr_enabled: boolean,
        dep_enabled: boolean,
        priority: string,
        owner_sid: string,
        window_title: string,
        startup_info: dictionary(),
        integrity_level: enumOf(['low', 'medium', 'high', 'system']),
      },
      rule: atLeastOneOf(['aslr_enabled', 'dep_enabled', 'priority', 'owner_sid', 'window_title', 'startup_info', 'integrity_level'], 'Windows process extension'),
    }),
  }],
  ['windows-service-ext', {
    forType: 'process',
    check: embedded({
      name: 'Windows service extension',
      properties: {
        service_name: string,
        descriptions: listOf(string),
        display_name: string,
        group_name: string,
        start_type: enumOf(['SERVICE_AUTO_START', 'SERVICE_BOOT_START', 'SERVICE_DEMAND_START', 'SERVICE_DISABLED', 'SERVICE_SYSTEM_ALERT']),
        service_dll_refs: refs(refTypes('file')),
        service_type: enumOf(['SERVICE_KERNEL_DRIVER', 'SERVICE_FILE_SYSTEM_DRIVER', 'SERVICE_WIN32_OWN_PROCESS', 'SERVICE_WIN32_SHARE_PROCESS']),
        service_status: enumOf([
          'SERVICE_CONTINUE_PENDING', 'SERVICE_PAUSE_PENDING', 'SERVICE_PAUSED', 'SERVICE_RUNNING', 'SERVICE_START_PENDING',
          'SERVICE_STOP_PENDING', 'SERVICE_STOPPED',
        ]),
      },
      rule: atLeastOneOf(
        ['service_name', 'descriptions', 'display_name', 'group_name', 'start_type', 'service_dll_refs', 'service_type', 'service_status'],
        'Windows service extension',
      ),
    }),
  }],
]);
