import type { Check } from '../checks/check.js';
import { atLeastOneOf, embedded } from '../checks/embedded.js';
import { hashes } from '../checks/hashes.js';
import {
  boolean,
  dictionary,
  float,
  hex,
  integer,
  listOf,
  openVocab,
  string,
  timestamp,
} from '../checks/primitives.js';
import { refs, refTypes } from '../checks/refs.js';

const count = integer(0);
const anyHashes = hashes();

const PE_OPTIONAL_HEADER_INTEGERS = [
  'major_linker_version',
  'minor_linker_version',
  'address_of_entry_point',
  'base_of_code',
  'base_of_data',
  'image_base',
  'section_alignment',
  'file_alignment',
  'major_os_version',
  'minor_os_version',
  'major_image_version',
  'minor_image_version',
  'major_subsystem_version',
  'minor_subsystem_version',
  'number_of_rva_and_sizes',
];
const PE_OPTIONAL_HEADER_COUNTS = [
  'size_of_code',
  'size_of_initialized_data',
  'size_of_uninitialized_data',
  'size_of_image',
  'size_of_headers',
  'size_of_stack_reserve',
  'size_of_stack_commit',
  'size_of_heap_reserve',
  'size_of_heap_commit',
];
const PE_OPTIONAL_HEADER_HEX = [
  'magic_hex',
  'win32_version_value_hex',
  'checksum_hex',
  'subsystem_hex',
  'dll_characteristics_hex',
  'loader_flags_hex',
];

const peOptionalHeader = embedded({
  name: 'PE optional header',
  properties: {
    ...Object.fromEntries(PE_OPTIONAL_HEADER_INTEGERS.map((name) => [name, integer()])),
    ...Object.fromEntries(PE_OPTIONAL_HEADER_COUNTS.map((name) => [name, count])),
    ...Object.fromEntries(PE_OPTIONAL_HEADER_HEX.map((name) => [name, hex])),
    hashes: anyHashes,
  },
});

/** The predefined extensions of the file SCO (§6.7.2–§6.7.6). */
export const FILE_EXTENSIONS: ReadonlyArray<readonly [string, Check]> = [
  [
    'archive-ext',
    embedded({
      name: 'archive extension',
      properties: { contains_refs: refs(refTypes('file', 'directory')), comment: string },
      required: ['contains_refs'],
    }),
  ],
  [
    'ntfs-ext',
    embedded({
      name: 'NTFS extension',
      properties: {
        sid: string,
        alternate_data_streams: listOf(
          embedded({
            name: 'alternate data stream',
            properties: { name: string, hashes: anyHashes, size: count },
            required: ['name'],
          }),
        ),
      },
      rule: atLeastOneOf(['sid', 'alternate_data_streams'], 'NTFS extension'),
    }),
  ],
  [
    'pdf-ext',
    embedded({
      name: 'PDF extension',
      properties: {
        version: string,
        is_optimized: boolean,
        document_info_dict: dictionary(string),
        pdfid0: string,
        pdfid1: string,
      },
      rule: atLeastOneOf(
        ['version', 'is_optimized', 'document_info_dict', 'pdfid0', 'pdfid1'],
        'PDF extension',
      ),
    }),
  ],
  [
    'raster-image-ext',
    embedded({
      name: 'raster image extension',
      properties: {
        image_height: integer(),
        image_width: integer(),
        bits_per_pixel: integer(),
        exif_tags: dictionary(),
      },
      rule: atLeastOneOf(
        ['image_height', 'image_width', 'bits_per_pixel', 'exif_tags'],
        'raster image extension',
      ),
    }),
  ],
  [
    'windows-pebinary-ext',
    embedded({
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
        sections: listOf(
          embedded({
            name: 'PE section',
            properties: { name: string, size: count, entropy: float(), hashes: anyHashes },
            required: ['name'],
          }),
        ),
      },
      required: ['pe_type'],
    }),
  ],
];
