import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api/client.js';
import type { Items } from '../api/types.js';
import { useWrite } from '../api/use-write.js';
import { ErrorNote } from '../app/ErrorNote.js';
import { Loading } from '../app/Loading.js';

export interface Field {
  name: string;
  label: string;
  optional?: boolean;
}

/**
 * One curated table behind the public portal, edited through the admin REST API: its rows, a remove
 * button each, and a form that sets one row by key (PUT). The server validates and audits every change.
 */
/** A row as the admin API returns it: text fields, some optional. */
type Row = Record<string, string | undefined>;

export function TableEditor({
  title,
  path,
  keyField,
  keyLabel,
  columns,
  fields,
}: {
  title: string;
  path: string;
  keyField: string;
  keyLabel: string;
  columns: string[];
  fields: Field[];
}) {
  const rows = useQuery({ queryKey: [path], queryFn: () => api<Items<Row>>(path) });
  const write = useWrite([[path]]);
  const [values, setValues] = useState<Record<string, string>>({});
  const id = `edit-${keyField}`;
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {rows.isPending && <Loading />}
      {rows.error !== null && <ErrorNote error={rows.error} />}
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              {[keyField, ...columns].map((c) => (
                <th key={c} scope="col">
                  {c}
                </th>
              ))}
              <th scope="col">
                <span className="sr-only">actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.data?.items.map((row) => {
              const key = row[keyField] ?? '';
              return (
                <tr key={key}>
                  {[keyField, ...columns].map((c) => (
                    <td key={c} className={c === keyField ? 'mono' : undefined}>
                      {row[c] ?? ''}
                    </td>
                  ))}
                  <td>
                    <button
                      type="button"
                      aria-label={`Remove ${key}`}
                      disabled={write.isPending}
                      onClick={() => {
                        write.mutate({ path: `${path}/${encodeURIComponent(key)}`, method: 'DELETE' });
                      }}
                    >
                      Remove
                    </button>{' '}
                    <button
                      type="button"
                      aria-label={`Edit ${key}`}
                      onClick={() => {
                        setValues(
                          Object.fromEntries(
                            [keyField, ...fields.map((f) => f.name)].map((f) => [f, row[f] ?? '']),
                          ),
                        );
                      }}
                    >
                      Edit
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <form
        className="stack"
        aria-label={`Set ${title}`}
        onSubmit={(e) => {
          e.preventDefault();
          const body = Object.fromEntries(
            fields.filter((f) => (values[f.name] ?? '') !== '').map((f) => [f.name, values[f.name]]),
          );
          write.mutate({
            path: `${path}/${encodeURIComponent(values[keyField] ?? '')}`,
            method: 'PUT',
            body,
          });
        }}
      >
        {[{ name: keyField, label: keyLabel }, ...fields].map((f) => (
          <label key={f.name}>
            {f.label}
            <input
              name={f.name}
              required={'optional' in f ? f.optional !== true : true}
              value={values[f.name] ?? ''}
              onChange={(e) => {
                setValues({ ...values, [f.name]: e.target.value });
              }}
            />
          </label>
        ))}
        <button type="submit" disabled={write.isPending}>
          Save
        </button>
        {write.error !== null && <ErrorNote error={write.error} />}
        {write.isSuccess && <p className="ok">Saved.</p>}
      </form>
    </section>
  );
}
