import { useState } from 'react';
import type { SyntheticEvent } from 'react';
import { useOrganisations } from '../api/use-organisations.js';
import type { SearchParams } from './search-params.js';

export const SEARCH_TYPES = [
  'indicator',
  'malware',
  'threat-actor',
  'intrusion-set',
  'campaign',
  'attack-pattern',
  'report',
  'relationship',
  'sighting',
  'vulnerability',
  'tool',
  'identity',
  'infrastructure',
  'observed-data',
  'ipv4-addr',
  'domain-name',
  'url',
  'file',
];
const TLPS = ['clear', 'green', 'amber', 'amber+strict', 'red', 'none'];

/** The search form; its fields start from the URL and write back to it on submit. */
export function SearchFilters({
  search,
  onSearch,
}: {
  search: SearchParams;
  onSearch: (s: SearchParams) => void;
}) {
  const [draft, setDraft] = useState<SearchParams>(search);
  const orgs = useOrganisations();
  const set = (key: keyof SearchParams) => (e: { target: { value: string } }) => {
    setDraft({ ...draft, [key]: e.target.value === '' ? undefined : e.target.value });
  };
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    onSearch(Object.fromEntries(Object.entries(draft).filter(([, v]) => v !== undefined && v !== '')));
  };
  return (
    <form className="filters" onSubmit={submit} role="search" aria-label="Search objects">
      <label className="grow">
        Text
        <input
          type="search"
          value={draft.q ?? ''}
          onChange={set('q')}
          placeholder="name, description, value…"
        />
      </label>
      <label>
        Type
        <select value={draft.type ?? ''} onChange={set('type')}>
          <option value="">any</option>
          {SEARCH_TYPES.map((t) => (
            <option key={t}>{t}</option>
          ))}
        </select>
      </label>
      <label>
        Organisation
        {orgs.data === undefined ? (
          <input value={draft.org ?? ''} onChange={set('org')} placeholder="identity--…" />
        ) : (
          <select value={draft.org ?? ''} onChange={set('org')}>
            <option value="">any</option>
            {orgs.data.items.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        )}
      </label>
      <label>
        TLP
        <select value={draft.tlp ?? ''} onChange={set('tlp')}>
          <option value="">any</option>
          {TLPS.map((t) => (
            <option key={t}>{t}</option>
          ))}
        </select>
      </label>
      <label>
        Label
        <input value={draft.label ?? ''} onChange={set('label')} size={10} />
      </label>
      <label>
        Modified from
        <input type="date" value={draft.from ?? ''} onChange={set('from')} />
      </label>
      <label>
        to
        <input type="date" value={draft.to ?? ''} onChange={set('to')} />
      </label>
      <button type="submit">Search</button>
    </form>
  );
}
