import { useState } from 'react';
import { useSession } from '../api/use-session.js';
import { useWrite } from '../api/use-write.js';
import { ErrorNote } from '../app/ErrorNote.js';
import { MarkingBadge } from '../common/TlpBadge.js';
import { CarView } from './CarView.js';
import { keys, operationPath, useCars, useKpis } from './operations-api.js';
import type { Car } from './types.js';

/** Cyber Activity Reports: generate per jurisdiction (or all), list, open one to preview and issue. */
export function CarsPanel({
  operationId,
  manage,
  orgName,
}: {
  operationId: string;
  manage: boolean;
  orgName: (id: string) => string;
}) {
  const cars = useCars(operationId);
  const myOrg = useSession().data?.org.id;
  const kpis = useKpis(operationId);
  const [country, setCountry] = useState('all');
  const [open, setOpen] = useState<string | null>(null);
  const generate = useWrite<{ cars: Car[] }>([keys.all]);
  const countries = (kpis.data?.byJurisdiction ?? []).flatMap((j) => (j.country === null ? [] : [j.country]));
  const openCar = cars.data?.cars.find((c) => c.id === open);
  return (
    <section aria-labelledby="cars-heading">
      <h2 id="cars-heading">Cyber Activity Reports</h2>
      {manage && (
        <form
          className="toolbar"
          aria-label="Generate CARs"
          onSubmit={(e) => {
            e.preventDefault();
            const body = country === 'all' ? { all: true } : { jurisdiction: country };
            generate.mutate(
              { path: `${operationPath(operationId)}/cars`, method: 'POST', body },
              {
                onSuccess: (r) => {
                  setOpen(r.cars[0]?.id ?? null);
                },
              },
            );
          }}
        >
          <label>
            Jurisdiction{' '}
            <select
              value={country}
              onChange={(e) => {
                setCountry(e.target.value);
              }}
            >
              <option value="all">every jurisdiction with targets</option>
              {countries.map((c) => (
                <option key={c}>{c}</option>
              ))}
            </select>
          </label>{' '}
          <button type="submit" disabled={generate.isPending}>
            {generate.isPending ? 'Generating…' : 'Generate CAR'}
          </button>
          {generate.isSuccess && <span role="status"> {generate.data.cars.length} generated.</span>}
        </form>
      )}
      {generate.error !== null && <ErrorNote error={generate.error} />}
      {cars.error !== null && <ErrorNote error={cars.error} />}
      {cars.data?.cars.length === 0 && <p className="muted">No CAR yet.</p>}
      {cars.data !== undefined && cars.data.cars.length > 0 && (
        <table aria-label="CARs">
          <thead>
            <tr>
              <th scope="col">Jurisdiction</th>
              <th scope="col">TLP</th>
              <th scope="col">Targets</th>
              <th scope="col">Generated</th>
              <th scope="col">Issued to</th>
            </tr>
          </thead>
          <tbody>
            {cars.data.cars.map((c) => (
              <tr key={c.id} aria-selected={c.id === open}>
                <td>
                  <button
                    type="button"
                    className="link"
                    onClick={() => {
                      setOpen(c.id);
                    }}
                  >
                    CAR {c.country}
                  </button>
                </td>
                <td>
                  <MarkingBadge kind="TLP" level={c.tlp} />
                </td>
                <td>{c.targetCount}</td>
                <td>{c.created.slice(0, 16).replace('T', ' ')}</td>
                <td>
                  {c.recipients.length === 0
                    ? '—'
                    : c.recipients
                        .map((r) => `${orgName(r.orgId)}${r.acknowledged === null ? '' : ' ✓'}`)
                        .join(', ')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {openCar !== undefined && (
        <CarView
          key={openCar.id}
          car={openCar}
          operationId={operationId}
          manage={manage}
          myOrg={myOrg}
          orgName={orgName}
        />
      )}
    </section>
  );
}
