import { z } from 'zod';

/** Languages an advisory may be written in (the portal offers these; English is required). */
export const ADVISORY_LANGS = ['en', 'fr', 'de', 'es', 'it', 'nl', 'pt'] as const;
export type AdvisoryLang = (typeof ADVISORY_LANGS)[number];

export const AdvisoryText = z.object({
  title: z.string().trim().min(3).max(200),
  summary: z.string().trim().min(1).max(1000),
  /** Markdown; raw HTML in it is shown as text, never rendered. */
  body: z.string().min(1).max(100_000),
});

export const AdvisoryInput = z
  .object({
    slug: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{2,80}$/, 'lower-case letters, digits and dashes, 3 to 81 characters'),
    tlp: z.enum(['clear', 'green', 'amber', 'amber+strict', 'red']),
    texts: z
      .partialRecord(z.enum(ADVISORY_LANGS), AdvisoryText)
      .refine((t) => t.en !== undefined, { error: 'an English text is required (the fallback)' }),
  })
  .strict();
export type AdvisoryInput = z.infer<typeof AdvisoryInput>;
