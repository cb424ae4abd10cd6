import { useState } from 'react';
import { useWrite } from '../api/use-write.js';
import { ErrorNote } from '../app/ErrorNote.js';

export function CreateUserForm({ orgId, roles }: { orgId: string; roles: string[] }) {
  const write = useWrite([['users', orgId]]);
  const [form, setForm] = useState({ email: '', name: '', role: 'contributor', password: '' });
  const field = (key: keyof typeof form) => (e: { target: { value: string } }) => {
    setForm({ ...form, [key]: e.target.value });
  };
  return (
    <form
      className="card"
      aria-labelledby="new-user"
      onSubmit={(e) => {
        e.preventDefault();
        write.mutate({ path: '/api/v1/users', method: 'POST', body: { ...form, org_id: orgId } });
      }}
    >
      <h2 id="new-user">New user</h2>
      <label>
        E-mail
        <input type="email" required value={form.email} onChange={field('email')} />
      </label>
      <label>
        Name
        <input required value={form.name} onChange={field('name')} />
      </label>
      <label>
        Role
        <select value={form.role} onChange={field('role')}>
          {roles.map((r) => (
            <option key={r}>{r}</option>
          ))}
        </select>
      </label>
      <label>
        Initial password
        <input
          type="password"
          autoComplete="new-password"
          minLength={12}
          value={form.password}
          onChange={field('password')}
        />
      </label>
      <button type="submit" disabled={write.isPending}>
        Create user
      </button>
      {write.isSuccess && <p className="ok">User created.</p>}
      {write.error !== null && <ErrorNote error={write.error} />}
    </form>
  );
}
