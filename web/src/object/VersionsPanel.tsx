import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api/client.js';
import type { Presented } from '../api/types.js';
import { ErrorNote } from '../app/ErrorNote.js';
import { Loading } from '../app/Loading.js';
import { VersionDiff } from './VersionDiff.js';

/** The visible versions of an object, and what changed between any two of them. */
export function VersionsPanel({ id }: { id: string }) {
  const versions = useQuery({
    queryKey: ['versions', id],
    queryFn: () => api<{ versions: Presented[] }>(`/api/v1/objects/${id}/versions`),
  });
  const [picked, setPicked] = useState<[number, number] | null>(null);
  if (versions.isPending) return <Loading what="Loading versions" />;
  if (versions.error !== null) return <ErrorNote error={versions.error} />;
  const list = versions.data.versions;
  const n = list.length;
  const [from, to] = picked ?? [Math.max(0, n - 2), n - 1];
  const select = (which: 0 | 1) => (e: { target: { value: string } }) => {
    const next: [number, number] = [from, to];
    next[which] = Number(e.target.value);
    setPicked(next);
  };
  const options = list.map((v, i) => (
    <option key={v.meta.version} value={i}>
      {i + 1}. {v.meta.version}
    </option>
  ));
  return (
    <section className="card" aria-labelledby="versions-title">
      <h2 id="versions-title">Versions ({n})</h2>
      {n < 2 ? (
        <p className="muted">Only one version so far.</p>
      ) : (
        <>
          <div className="row-form">
            <label>
              From
              <select value={from} onChange={select(0)}>
                {options}
              </select>
            </label>
            <label>
              To
              <select value={to} onChange={select(1)}>
                {options}
              </select>
            </label>
          </div>
          <VersionDiff before={list[from]!.object} after={list[to]!.object} />
        </>
      )}
    </section>
  );
}
