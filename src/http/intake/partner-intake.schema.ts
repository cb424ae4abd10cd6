import { z } from 'zod';

export const PartnerReportAccepted = z.object({
  id: z.string().describe('The inbox entry the report became'),
  values: z.number().int().describe('Distinct URLs, domains, IPs, addresses and file digests found'),
  partner: z.string().describe('The organisation credited with the report (the API key’s)'),
});
export type PartnerReportAccepted = z.infer<typeof PartnerReportAccepted>;
