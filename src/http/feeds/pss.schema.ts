import { z } from 'zod';

export const PssExportBody = z.object({
  recipient: z.string().min(1).max(200).describe('the organisation the set is made for'),
  name: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, "letters, digits, '.', '_' and '-'; it names the directory")
    .optional(),
  description: z.string().min(1).max(1000).optional(),
  fp_rate: z.number().gt(0).lt(0.5).optional().describe('Bloom filter false-positive rate (default 0.001)'),
});
export type PssExportBody = z.infer<typeof PssExportBody>;
