import { z } from 'zod';

export const RangeParams = z.object({
  kind: z.string().describe('email, ip or domain'),
  prefix: z.string().describe('the first 5 hex digits of the SHA-256 of the normalised value'),
});

export const RangeResponse = z.object({
  kind: z.string(),
  prefix: z.string(),
  suffixes: z
    .array(z.string())
    .describe('the remaining 59 hex digits of every value in the bucket, padded with random decoys'),
});
