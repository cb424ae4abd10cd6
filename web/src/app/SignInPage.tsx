import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { SyntheticEvent } from 'react';
import { api } from '../api/client.js';
import type { Session } from '../api/types.js';
import { SESSION_KEY } from '../api/use-session.js';
import { ErrorNote } from './ErrorNote.js';
import { ThemeToggle } from './ThemeToggle.js';

export function SignInPage() {
  const client = useQueryClient();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const signIn = useMutation({
    mutationFn: () => api<Session>('/api/v1/session', { method: 'POST', body: { email, password } }),
    onSuccess: (session) => {
      client.setQueryData(SESSION_KEY, session);
    },
  });
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    signIn.mutate();
  };
  return (
    <main className="signin">
      <form onSubmit={submit} aria-labelledby="signin-title">
        <h1 id="signin-title">Sign in to Accord</h1>
        <label>
          E-mail
          <input
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => {
              setEmail(e.target.value);
            }}
            autoFocus
          />
        </label>
        <label>
          Password
          <input
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => {
              setPassword(e.target.value);
            }}
          />
        </label>
        {signIn.error !== null && <ErrorNote error={signIn.error} />}
        <button type="submit" disabled={signIn.isPending}>
          {signIn.isPending ? 'Signing in…' : 'Sign in'}
        </button>
        <ThemeToggle />
      </form>
    </main>
  );
}
