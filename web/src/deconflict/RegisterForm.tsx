import { useState } from 'react';
import { useWrite } from '../api/use-write.js';
import { ErrorNote } from '../app/ErrorNote.js';
import { valueLines } from './deconflict-types.js';
import type { RegisterResult } from './deconflict-types.js';
import { ValueInput } from './ValueInput.js';

/** Registers interests of the signed-in organisation: values, a case reference, a contact point. */
export function RegisterForm() {
  const [text, setText] = useState('');
  const [caseRef, setCaseRef] = useState('');
  const [contact, setContact] = useState('');
  const [expires, setExpires] = useState('');
  const [notify, setNotify] = useState(true);
  const register = useWrite<{ results: RegisterResult[] }>([['deconflict-interests']]);
  const invalid = register.data?.results.filter((r) => r.status === 'invalid') ?? [];
  return (
    <form
      className="card"
      aria-labelledby="register-title"
      onSubmit={(e) => {
        e.preventDefault();
        const interests = valueLines(text).map((value) => ({
          value,
          case_ref: caseRef,
          contact,
          notify_owner: notify,
          ...(expires === '' ? {} : { expires_at: new Date(expires).toISOString() }),
        }));
        register.mutate({ path: '/api/v1/deconflict/interests', method: 'POST', body: { interests } });
      }}
    >
      <h2 id="register-title">Register interests</h2>
      <ValueInput id="register-values" label="Values" text={text} onText={setText} />
      <label>
        Case reference (only your organisation sees it)
        <input
          required
          value={caseRef}
          onChange={(e) => {
            setCaseRef(e.target.value);
          }}
        />
      </label>
      <label>
        Contact point (what a checker that hits is told)
        <input
          required
          value={contact}
          onChange={(e) => {
            setContact(e.target.value);
          }}
        />
      </label>
      <label>
        Expires (default one year)
        <input
          type="date"
          value={expires}
          onChange={(e) => {
            setExpires(e.target.value);
          }}
        />
      </label>
      <label>
        <input
          type="checkbox"
          checked={notify}
          onChange={(e) => {
            setNotify(e.target.checked);
          }}
        />{' '}
        Tell me when a check hits
      </label>
      <button type="submit" disabled={register.isPending || valueLines(text).length === 0}>
        Register
      </button>
      {register.error !== null && <ErrorNote error={register.error} />}
      {register.data !== undefined && (
        <p role="status">
          {register.data.results.length - invalid.length} registered
          {invalid.length > 0 &&
            `; refused: ${invalid.map((r) => `line ${String(r.index + 1)} (${r.error ?? ''})`).join(', ')}`}
        </p>
      )}
    </form>
  );
}
