import { useState } from 'react';
import { useWrite } from '../api/use-write.js';
import { ErrorNote } from '../app/ErrorNote.js';
import { keys, operationPath } from './operations-api.js';
import type { AddTargetsResult } from './types.js';
import { TARGET_KINDS } from './types.js';

/**
 * Adds targets from a pasted list: one a line, a bare value (its kind detected) or CSV `kind,value`.
 * The server refuses the whole list if any line is bad, and names every bad line.
 */
export function AddTargetsForm({ operationId }: { operationId: string }) {
  const [text, setText] = useState('');
  const [defaultKind, setDefaultKind] = useState('');
  const add = useWrite<AddTargetsResult>([keys.all, keys.list]);
  return (
    <form
      className="card"
      aria-label="Add targets"
      onSubmit={(e) => {
        e.preventDefault();
        const body = { text, ...(defaultKind === '' ? {} : { defaultKind }) };
        add.mutate(
          { path: `${operationPath(operationId)}/targets/list`, method: 'POST', body },
          {
            onSuccess: () => {
              setText('');
            },
          },
        );
      }}
    >
      <h3>Add targets</h3>
      <label className="block">
        Targets, one a line: a value, or kind,value
        <textarea
          rows={4}
          style={{ width: '100%' }}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
          }}
          placeholder={'203.0.113.5\nbad.example\nwallet,bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq'}
        />
      </label>
      <label>
        Kind when not detected{' '}
        <select
          value={defaultKind}
          onChange={(e) => {
            setDefaultKind(e.target.value);
          }}
        >
          <option value="">detect</option>
          {TARGET_KINDS.map((k) => (
            <option key={k}>{k}</option>
          ))}
        </select>
      </label>{' '}
      <button type="submit" disabled={text.trim() === '' || add.isPending}>
        {add.isPending ? 'Adding…' : 'Add targets'}
      </button>
      {add.isSuccess && (
        <span role="status">
          {' '}
          {add.data.created} added, {add.data.merged} merged with existing targets.
        </span>
      )}
      {add.error !== null && <ErrorNote error={add.error} />}
    </form>
  );
}
