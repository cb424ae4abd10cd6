import { z } from 'zod';

export const Dashboard = z.object({
  total: z.number().int(),
  by_type: z.array(z.object({ type: z.string(), count: z.number().int() })),
  by_tlp: z.array(z.object({ tlp: z.string(), count: z.number().int() })),
  intake: z.object({
    days: z.array(z.string()),
    series: z.array(z.object({ org_id: z.string(), name: z.string(), counts: z.array(z.number().int()) })),
  }),
  top: z.array(
    z.object({ id: z.string(), type: z.string(), name: z.string(), relationships: z.number().int() }),
  ),
  sightings: z.array(
    z.object({
      id: z.string(),
      indicator_id: z.string(),
      indicator_name: z.string(),
      count: z.number().int().nullable(),
      last_seen: z.string().nullable(),
      date_added: z.string(),
      where_sighted: z.array(z.string()),
    }),
  ),
});
export type Dashboard = z.infer<typeof Dashboard>;
