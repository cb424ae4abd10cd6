import { z } from 'zod';
import { INTAKE_LIMITS } from '../../public/intake/intake-limits.js';

const contact = z
  .string()
  .trim()
  .min(3)
  .max(200)
  .optional()
  .describe('A way to reach you, only if you want to be contacted; then your address is not redacted.');
const comment = z.string().max(INTAKE_LIMITS.commentChars).optional();

export const EmailReportBody = z.strictObject({
  eml: z
    .string()
    .min(1)
    .max(INTAKE_LIMITS.emailBytes)
    .describe('The raw message (.eml file contents, or the pasted headers and body).'),
  reporter: z
    .array(z.email().max(254))
    .max(5)
    .optional()
    .describe('Your own addresses, to be removed (recipients in the headers are removed anyway).'),
  contact,
  comment,
});

export const SmsReportBody = z.strictObject({
  sender: z.string().trim().min(1).max(64).describe('The sender shown on the phone (number or name).'),
  text: z.string().min(1).max(INTAKE_LIMITS.smsChars),
  contact,
  comment,
});

export const UrlReportBody = z.strictObject({
  url: z.string().trim().min(4).max(INTAKE_LIMITS.urlChars),
  comment,
  contact,
});

export const ReportAccepted = z.object({
  id: z.string(),
  values: z.number().int().describe('Distinct URLs, domains, IPs, addresses and file digests found.'),
  message: z.string(),
});

export const IntakeFigures = z.object({
  since: z.string(),
  reports: z.number().int(),
  urls: z.number().int().describe('Distinct URLs reported'),
  promoted: z.number().int().describe('Reports whose values became indicators'),
  benign: z.number().int(),
  takenDown: z
    .number()
    .int()
    .describe(
      'Distinct reported URLs promoted to indicators and revoked since (taken down), last seven days',
    ),
});
export type IntakeFigures = z.infer<typeof IntakeFigures>;

export const IntakeOrganisationBody = z.strictObject({
  organisation: z
    .string()
    .min(1)
    .max(200)
    .describe('The organisation id (identity--…) that receives reports.'),
});
