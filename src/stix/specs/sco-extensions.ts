import type { Check } from '../checks/check.js';
import { atLeastOneOf, embedded } from '../checks/embedded.js';
import { boolean, dictionary, enumOf, hex, integer, listOf, string } from '../checks/primitives.js';
import { ref, refs, refTypes } from '../checks/refs.js';
import { describeValue, isPlainObject, joinPath, where } from '../issues.js';
import { FILE_EXTENSIONS } from './file-extensions.js';

const count = integer(0);

const SOCKET_OPTION_PREFIXES = ['SO_', 'ICMP_', 'ICMP6_', 'IP_', 'IPV6_', 'MCAST_', 'TCP_', 'IRLMP_'];

/** socket-ext options: keys are socket option names with a known prefix, values integers (§6.12.4). */
const socketOptions: Check = (value, path, out, root) => {
  dictionary()(value, path, out, root);
  if (!isPlainObject(value)) return;
  for (const [key, option] of Object.entries(value)) {
    const keyPath = joinPath(path, key);
    if (!SOCKET_OPTION_PREFIXES.some((prefix) => key.startsWith(prefix))) {
      out.error(
        keyPath,
        'invalid_dictionary_key',
        `The socket option "${key.slice(0, 60)}" ${where(path)} must start with one of ${SOCKET_OPTION_PREFIXES.join(', ')}.`,
      );
    }
    if (typeof option !== 'number' || !Number.isInteger(option)) {
      out.error(
        keyPath,
        'invalid_type',
        `Expected an integer socket option value ${where(keyPath)}, found ${describeValue(option)}.`,
      );
    }
  }
};

interface PredefinedExtension {
  /** The SCO type the extension belongs to. */
  readonly forType: string;
  readonly check: Check;
}

/** The predefined SCO extensions of STIX 2.1 §6 and the object type each one extends. */
export const PREDEFINED_EXTENSIONS: ReadonlyMap<string, PredefinedExtension> = new Map<
  string,
  PredefinedExtension
>([
  ...FILE_EXTENSIONS.map(([name, check]) => [name, { forType: 'file', check }] as const),
  [
    'http-request-ext',
    {
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
    },
  ],
  [
    'icmp-ext',
    {
      forType: 'network-traffic',
      check: embedded({
        name: 'ICMP extension',
        properties: { icmp_type_hex: hex, icmp_code_hex: hex },
        required: ['icmp_type_hex', 'icmp_code_hex'],
      }),
    },
  ],
  [
    'socket-ext',
    {
      forType: 'network-traffic',
      check: embedded({
        name: 'socket extension',
        properties: {
          address_family: enumOf([
            'AF_UNSPEC',
            'AF_INET',
            'AF_IPX',
            'AF_APPLETALK',
            'AF_NETBIOS',
            'AF_INET6',
            'AF_IRDA',
            'AF_BTH',
          ]),
          is_blocking: boolean,
          is_listening: boolean,
          options: socketOptions,
          socket_type: enumOf(['SOCK_STREAM', 'SOCK_DGRAM', 'SOCK_RAW', 'SOCK_RDM', 'SOCK_SEQPACKET']),
          socket_descriptor: count,
          socket_handle: integer(),
        },
        required: ['address_family'],
      }),
    },
  ],
  [
    'tcp-ext',
    {
      forType: 'network-traffic',
      check: embedded({
        name: 'TCP extension',
        properties: { src_flags_hex: hex, dst_flags_hex: hex },
        rule: atLeastOneOf(['src_flags_hex', 'dst_flags_hex'], 'TCP extension'),
      }),
    },
  ],
  [
    'unix-account-ext',
    {
      forType: 'user-account',
      check: embedded({
        name: 'Unix account extension',
        properties: { gid: integer(), groups: listOf(string), home_dir: string, shell: string },
        rule: atLeastOneOf(['gid', 'groups', 'home_dir', 'shell'], 'Unix account extension'),
      }),
    },
  ],
  [
    'windows-process-ext',
    {
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
        rule: atLeastOneOf(
          [
            'aslr_enabled',
            'dep_enabled',
            'priority',
            'owner_sid',
            'window_title',
            'startup_info',
            'integrity_level',
          ],
          'Windows process extension',
        ),
      }),
    },
  ],
  [
    'windows-service-ext',
    {
      forType: 'process',
      check: embedded({
        name: 'Windows service extension',
        properties: {
          service_name: string,
          descriptions: listOf(string),
          display_name: string,
          group_name: string,
          start_type: enumOf([
            'SERVICE_AUTO_START',
            'SERVICE_BOOT_START',
            'SERVICE_DEMAND_START',
            'SERVICE_DISABLED',
            'SERVICE_SYSTEM_ALERT',
          ]),
          service_dll_refs: refs(refTypes('file')),
          service_type: enumOf([
            'SERVICE_KERNEL_DRIVER',
            'SERVICE_FILE_SYSTEM_DRIVER',
            'SERVICE_WIN32_OWN_PROCESS',
            'SERVICE_WIN32_SHARE_PROCESS',
          ]),
          service_status: enumOf([
            'SERVICE_CONTINUE_PENDING',
            'SERVICE_PAUSE_PENDING',
            'SERVICE_PAUSED',
            'SERVICE_RUNNING',
            'SERVICE_START_PENDING',
            'SERVICE_STOP_PENDING',
            'SERVICE_STOPPED',
          ]),
        },
        rule: atLeastOneOf(
          [
            'service_name',
            'descriptions',
            'display_name',
            'group_name',
            'start_type',
            'service_dll_refs',
            'service_type',
            'service_status',
          ],
          'Windows service extension',
        ),
      }),
    },
  ],
]);
