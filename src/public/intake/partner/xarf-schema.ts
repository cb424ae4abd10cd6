import { z } from 'zod';

/**
 * The core of an X-ARF v4 report (xarf.org, schemas/v4/xarf-core.json): the fields every report has.
 * Category-specific fields (`url`, `smtp_from`, `subject`, ...) are kept as they come (the core schema
 * allows additional properties) and scanned for values.
 */
const ContactInfo = z.strictObject({
  org: z.string().min(1).max(200),
  contact: z.email(),
  domain: z.string().min(1).max(253),
});

const EvidenceItem = z.strictObject({
  content_type: z.string().min(1).max(200),
  description: z.string().max(500).optional(),
  payload: z.base64(),
  hash: z
    .string()
    .regex(/^(md5|sha1|sha256|sha512):[a-fA-F0-9]+$/, 'expected "algorithm:hex" (md5, sha1, sha256, sha512)')
    .optional(),
  size: z.number().int().min(0).max(5_242_880).optional(),
});

export const XARF_CATEGORIES = [
  'messaging',
  'content',
  'copyright',
  'connection',
  'vulnerability',
  'infrastructure',
  'reputation',
] as const;

export const XarfReport = z.looseObject({
  xarf_version: z.string().regex(/^4\.[0-9]+\.[0-9]+$/, 'expected an X-ARF v4 version such as "4.0.0"'),
  report_id: z.uuid(),
  timestamp: z.iso.datetime({ offset: true }),
  reporter: ContactInfo,
  sender: ContactInfo,
  source_identifier: z.string().min(1).max(2048),
  source_port: z.number().int().min(1).max(65535).optional(),
  category: z.enum(XARF_CATEGORIES),
  type: z.string().min(1).max(100),
  evidence_source: z.string().max(100).optional(),
  evidence: z.array(EvidenceItem).max(50).optional(),
  tags: z
    .array(z.string().regex(/^[a-z0-9][a-z0-9_+-]*:[a-z0-9][a-z0-9_+.-]*$/, 'expected "namespace:predicate"'))
    .max(20)
    .optional(),
  confidence: z.number().min(0).max(1).optional(),
  description: z.string().max(1000).optional(),
  legacy_version: z.literal('3').optional(),
  _internal: z.unknown().optional(),
});
export type XarfReport = z.infer<typeof XarfReport>;
