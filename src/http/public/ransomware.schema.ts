import { z } from 'zod';
import { Decryptor } from '../../public/ransomware/decryptors.js';
import { RansomwareFamily } from '../../public/ransomware/family.js';
import { ReportingContact } from '../../public/ransomware/advice.js';

export { IdentifyInput as IdentifyBody } from '../../public/ransomware/identify-input.js';

export const Advice = z.object({
  general: z.array(z.object({ key: z.string(), text: z.string() })),
  reporting_contact: ReportingContact.nullable(),
});

export const IdentifyResponse = z.object({
  status: z.enum(['identified', 'not_identified']),
  candidates: z.array(
    z.object({
      family: z.string(),
      galaxy_uuid: z.string(),
      confidence: z.number().min(0).max(1),
      reasons: z.array(z.string()),
      decryptor: Decryptor.nullable(),
      intelligence: z.array(z.object({ id: z.string(), name: z.string() })),
    }),
  ),
  database: z.object({ galaxy_version: z.number(), families: z.number(), source: z.string() }),
  advice: Advice,
  /** Set when the visitor asked to share the submission with investigators. */
  share_id: z.string().optional(),
});
export type IdentifyResponse = z.infer<typeof IdentifyResponse>;

export const FamilyParams = z.object({ uuid: z.string().regex(/^[0-9a-fA-F-]{1,64}$/) });
export const FamilyResponse = z.object({ family: RansomwareFamily, decryptor: Decryptor.nullable() });

export const AdviceQuery = z.object({
  country: z
    .string()
    .regex(/^[A-Za-z]{2}$/)
    .optional(),
});
export const AdviceResponse = Advice.extend({ reporting_contacts: z.array(ReportingContact) });
