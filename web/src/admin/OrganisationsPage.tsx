import { useState } from 'react';
import { useOrganisations } from '../api/use-organisations.js';
import { useWrite } from '../api/use-write.js';
import { ErrorNote } from '../app/ErrorNote.js';
import { Loading } from '../app/Loading.js';

const KINDS = ['law-enforcement', 'private', 'cert', 'government', 'ngo', 'other'];
const EMPTY = {
  name: '',
  kind: 'private',
  sector: '',
  country: '',
  default_distribution: 'organisation',
  default_tlp: 'amber',
};

/** Organisations on this instance; administrators add them. */
export function OrganisationsPage() {
  const orgs = useOrganisations();
  const create = useWrite([['organisations']]);
  const [form, setForm] = useState(EMPTY);
  const field = (key: keyof typeof EMPTY) => (e: { target: { value: string } }) => {
    setForm({ ...form, [key]: e.target.value });
  };
  return (
    <div className="page">
      <h1>Organisations</h1>
      {orgs.isPending && <Loading />}
      {orgs.error !== null && <ErrorNote error={orgs.error} />}
      <table>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Kind</th>
            <th scope="col">Sector</th>
            <th scope="col">Country</th>
            <th scope="col">Default distribution</th>
            <th scope="col">Default TLP</th>
          </tr>
        </thead>
        <tbody>
          {orgs.data?.items.map((o) => (
            <tr key={o.id}>
              <td title={o.id}>{o.name}</td>
              <td>{o.kind}</td>
              <td>{o.sector ?? '—'}</td>
              <td>{o.country ?? '—'}</td>
              <td>{o.default_distribution}</td>
              <td>{o.default_tlp}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form
        className="card"
        aria-labelledby="new-org"
        onSubmit={(e) => {
          e.preventDefault();
          const body = {
            ...form,
            sector: form.sector === '' ? null : form.sector,
            country: form.country === '' ? null : form.country,
          };
          create.mutate(
            { path: '/api/v1/organisations', method: 'POST', body },
            {
              onSuccess: () => {
                setForm(EMPTY);
              },
            },
          );
        }}
      >
        <h2 id="new-org">New organisation</h2>
        <label>
          Name
          <input required value={form.name} onChange={field('name')} />
        </label>
        <label>
          Kind
          <select value={form.kind} onChange={field('kind')}>
            {KINDS.map((k) => (
              <option key={k}>{k}</option>
            ))}
          </select>
        </label>
        <label>
          Sector
          <input value={form.sector} onChange={field('sector')} />
        </label>
        <label>
          Country (ISO code)
          <input value={form.country} onChange={field('country')} maxLength={2} size={3} />
        </label>
        <label>
          Default distribution
          <select value={form.default_distribution} onChange={field('default_distribution')}>
            <option>organisation</option>
            <option>community</option>
            <option>public</option>
          </select>
        </label>
        <label>
          Default TLP
          <select value={form.default_tlp} onChange={field('default_tlp')}>
            {['none', 'clear', 'green', 'amber', 'amber+strict', 'red'].map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={create.isPending}>
          Create organisation
        </button>
        {create.error !== null && <ErrorNote error={create.error} />}
      </form>
    </div>
  );
}
