import { useState } from 'react';
import { useWrite } from '../api/use-write.js';
import { ErrorNote } from '../app/ErrorNote.js';
import { valueLines } from './deconflict-types.js';
import type { CheckResult } from './deconflict-types.js';
import { ValueInput } from './ValueInput.js';

/** Checks values against other organisations' interests: hit (with whom to contact) or no hit. */
export function CheckPanel() {
  const [text, setText] = useState('');
  const [checked, setChecked] = useState<string[]>([]);
  const check = useWrite<{ results: CheckResult[] }>([]);
  return (
    <form
      className="card"
      aria-labelledby="check-title"
      onSubmit={(e) => {
        e.preventDefault();
        const values = valueLines(text);
        setChecked(values);
        check.mutate({ path: '/api/v1/deconflict/check', method: 'POST', body: { values } });
      }}
    >
      <h2 id="check-title">Check values</h2>
      <p>
        You learn only whether another organisation has an interest, and whom to contact — never its case.
        Checks are rate-limited and audited.
      </p>
      <ValueInput id="check-values" label="Values to check" text={text} onText={setText} />
      <button type="submit" disabled={check.isPending || valueLines(text).length === 0}>
        Check
      </button>
      {check.error !== null && <ErrorNote error={check.error} />}
      {check.data !== undefined && (
        <table aria-label="Check results">
          <thead>
            <tr>
              <th>Value</th>
              <th>Kind</th>
              <th>Result</th>
              <th>Contact</th>
            </tr>
          </thead>
          <tbody>
            {check.data.results.map((r) => (
              <tr key={r.index} className={r.status}>
                <td>{checked[r.index]}</td>
                <td>{r.kind ?? ''}</td>
                <td>{r.status === 'invalid' ? `invalid: ${r.error ?? ''}` : r.status}</td>
                <td>{r.contacts?.join(', ') ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </form>
  );
}
