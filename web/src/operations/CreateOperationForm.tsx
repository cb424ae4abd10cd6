import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import type { Session } from '../api/types.js';
import { useOrganisations } from '../api/use-organisations.js';
import { isAdmin } from '../api/use-session.js';
import { useWrite } from '../api/use-write.js';
import { ErrorNote } from '../app/ErrorNote.js';
import { OPERATIONS, keys } from './operations-api.js';
import type { OperationDetail } from './types.js';

const TLPS = ['clear', 'green', 'amber', 'amber+strict', 'red'];
const PAPS = ['', 'clear', 'green', 'amber', 'red'];
const HANDLING = ['', 'H0', 'H1', 'H2', 'H3'];
const EMPTY = { name: '', code: '', description: '', leadOrg: '', tlp: 'amber', pap: '', handling: '' };

/** Whether the signed-in user may create an operation: an administrator, or a law-enforcement org-admin. */
export const mayCreateOperation = (s: Session) =>
  isAdmin(s) || (s.user.role === 'org-admin' && s.org.kind === 'law-enforcement');

/** A new operation (and its sharing group); administrators pick the law-enforcement lead. */
export function CreateOperationForm({ session }: { session: Session }) {
  const orgs = useOrganisations();
  const create = useWrite<OperationDetail>([keys.list]);
  const navigate = useNavigate();
  const [form, setForm] = useState(EMPTY);
  const field = (key: keyof typeof EMPTY) => (e: { target: { value: string } }) => {
    setForm({ ...form, [key]: e.target.value });
  };
  const leads = (orgs.data?.items ?? []).filter((o) => o.kind === 'law-enforcement');
  const orNull = (v: string) => (v === '' ? null : v);
  return (
    <form
      className="card"
      aria-labelledby="new-operation"
      onSubmit={(e) => {
        e.preventDefault();
        const body = {
          name: form.name,
          code: form.code,
          description: orNull(form.description),
          ...(form.leadOrg === '' ? {} : { leadOrg: form.leadOrg }),
          markings: { tlp: form.tlp, pap: orNull(form.pap), handling: orNull(form.handling) },
        };
        create.mutate(
          { path: OPERATIONS, method: 'POST', body },
          { onSuccess: (op) => void navigate({ to: '/operations/$id', params: { id: op.code } }) },
        );
      }}
    >
      <h2 id="new-operation">New operation</h2>
      <label>
        Name <input required maxLength={200} value={form.name} onChange={field('name')} />
      </label>
      <label>
        Code{' '}
        <input
          required
          pattern="[A-Za-z0-9][A-Za-z0-9_\-]{1,39}"
          title="2-40 letters, digits, - or _"
          value={form.code}
          onChange={field('code')}
        />
      </label>
      <label className="block">
        Description
        <textarea rows={2} maxLength={4000} value={form.description} onChange={field('description')} />
      </label>
      {isAdmin(session) && (
        <label>
          Lead organisation{' '}
          <select value={form.leadOrg} onChange={field('leadOrg')}>
            <option value="">my organisation ({session.org.name})</option>
            {leads.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <fieldset>
        <legend>Default markings</legend>
        <label>
          TLP{' '}
          <select value={form.tlp} onChange={field('tlp')}>
            {TLPS.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
        </label>{' '}
        <label>
          PAP{' '}
          <select value={form.pap} onChange={field('pap')}>
            {PAPS.map((t) => (
              <option key={t} value={t}>
                {t === '' ? 'none' : t}
              </option>
            ))}
          </select>
        </label>{' '}
        <label>
          Handling code{' '}
          <select value={form.handling} onChange={field('handling')}>
            {HANDLING.map((t) => (
              <option key={t} value={t}>
                {t === '' ? 'none' : t}
              </option>
            ))}
          </select>
        </label>
      </fieldset>
      <button type="submit" disabled={create.isPending}>
        {create.isPending ? 'Creating…' : 'Create operation'}
      </button>
      {create.error !== null && <ErrorNote error={create.error} />}
    </form>
  );
}
