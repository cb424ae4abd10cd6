import { z } from 'zod';
import { ADVISORY_LANGS } from '../../public/advisories/advisory-input.js';

export { AdvisoryInput as AdvisoryBody } from '../../public/advisories/advisory-input.js';

export const LangQuery = z.object({
  lang: z.enum(ADVISORY_LANGS).optional(),
  q: z.string().max(200).optional(),
});
export const SlugParams = z.object({ slug: z.string().regex(/^[a-z0-9][a-z0-9-]{2,80}$/) });
export const IdParams = z.object({ id: z.uuid() });

export const AdvisorySummary = z.object({
  slug: z.string(),
  lang: z.string(),
  title: z.string(),
  summary: z.string(),
  published: z.string().nullable(),
  status: z.enum(['draft', 'published']),
  tlp: z.string(),
  langs: z.array(z.string()),
});
export const AdvisoryList = z.object({ advisories: z.array(AdvisorySummary) });
export const AdvisoryPage = AdvisorySummary.extend({ html: z.string(), id: z.string() });
export const CsafYearFile = z.object({
  year: z.string().regex(/^\d{4}$/),
  file: z.string().regex(/^[+\-a-z0-9_]+\.json$/),
});
