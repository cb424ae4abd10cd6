import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client.js';
import { SESSION_KEY } from '../api/use-session.js';

export function SignOutButton() {
  const client = useQueryClient();
  const signOut = useMutation({
    mutationFn: () => api<undefined>('/api/v1/session', { method: 'DELETE' }),
    onSettled: () => {
      // Forget everything the signed-in user fetched; the session query itself stays observed.
      client.setQueryData(SESSION_KEY, null);
      client.removeQueries({ predicate: (q) => q.queryKey[0] !== SESSION_KEY[0] });
    },
  });
  return (
    <button
      type="button"
      className="ghost"
      onClick={() => {
        signOut.mutate();
      }}
      disabled={signOut.isPending}
    >
      Sign out
    </button>
  );
}
