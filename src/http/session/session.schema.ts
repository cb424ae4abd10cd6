import { z } from 'zod';

export const SignInBody = z.object({
  email: z.string().min(3).max(320),
  password: z.string().min(1).max(1024),
});
export type SignInBody = z.infer<typeof SignInBody>;

export const SessionInfo = z.object({
  user: z.object({ id: z.string(), email: z.string(), name: z.string(), role: z.string() }),
  org: z.object({ id: z.string(), name: z.string(), kind: z.string() }),
  groups: z.array(z.string()),
  read_only: z.boolean(),
  intake_inbox: z
    .boolean()
    .describe(
      'The viewer’s organisation is the intake organisation (or the viewer an admin): the UI offers the inbox',
    ),
});
export type SessionInfo = z.infer<typeof SessionInfo>;
